package io.ecrm.streams;

import io.ecrm.recommender.InMemorySessionIndex;
import io.ecrm.recommender.SessionIndex;
import io.ecrm.recommender.SessionKnnSettings;
import io.ecrm.schemas.TenantTopics;
import io.ecrm.streams.profile.SessionSummary;
import io.ecrm.streams.serde.StateSerdes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The past sessions of a tenant that session-kNN compares a visitor's current session with, on
 * every instance: an {@link InMemorySessionIndex} fed from the tenant's sessions topic (closed
 * visits), read from its start (the topic keeps a week) and then followed. Bounded by
 * {@link SessionKnnSettings}; rebuilt from the topic on each start, so it needs no state of its own.
 * Reads and the feed's writes are serialised by a read-write lock: queries run together, and a
 * batch of new sessions waits for them.
 */
public final class SessionIndexFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SessionIndexFeed.class);

    private final InMemorySessionIndex index;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final KafkaConsumer<String, byte[]> consumer;
    private final String topic;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Coverage coverage = Coverage.NONE;

    /** The closed visits the feed has read: how many, and the start of the first and of the last. */
    public record Coverage(long visits, long firstStartMillis, long lastStartMillis) {
        static final Coverage NONE = new Coverage(0, Long.MAX_VALUE, Long.MIN_VALUE);

        Coverage with(long startMillis) {
            return new Coverage(visits + 1, Math.min(firstStartMillis, startMillis), Math.max(lastStartMillis, startMillis));
        }

        /** How long the visits read span, from the first start to the last; 0 with fewer than two. */
        public long spanMillis() {
            return visits < 2 ? 0 : lastStartMillis - firstStartMillis;
        }
    }

    public SessionIndexFeed(String bootstrapServers, TenantTopics topics, SessionKnnSettings settings) {
        this.index = new InMemorySessionIndex(settings);
        this.topic = topics.sessions();
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.CLIENT_ID_CONFIG, "ecrm-" + topics.tenant().value() + "-session-index"),
                new StringDeserializer(), new ByteArrayDeserializer());
        this.thread = new Thread(this::run, "ecrm-" + topics.tenant().value() + "-session-index");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** Runs a read of the index while no batch is being added. */
    public <T> T read(Function<SessionIndex, T> query) {
        lock.readLock().lock();
        try {
            return query.apply(index);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** What the feed has read so far (the topic from its start, then what follows). */
    public Coverage coverage() {
        return coverage;
    }

    private void run() {
        try {
            List<TopicPartition> partitions = TopicReads.fromStart(consumer, topic);
            while (running) {
                var records = consumer.poll(Duration.ofMillis(500));
                if (records.isEmpty()) {
                    continue;
                }
                lock.writeLock().lock();
                try {
                    for (ConsumerRecord<String, byte[]> record : records) {
                        add(StateSerdes.SESSION_SUMMARY.deserializer().deserialize(topic, record.value()));
                    }
                } finally {
                    lock.writeLock().unlock();
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.warn("the session index of {} stopped following its topic", topic, e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void add(SessionSummary session) {
        if (session == null) {
            return;
        }
        coverage = coverage.with(session.startMillis());
        String id = session.visitorKey() + "@" + session.startMillis();
        for (String item : session.items()) {
            index.observe(id, item, session.endMillis());
        }
    }

    @Override
    public void close() {
        running = false;
        if (thread.getState() == Thread.State.NEW) {
            consumer.close(Duration.ZERO); // never started: the thread that would close it never will
            return;
        }
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
