package io.ecrm.serving.model;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecrm.schemas.TenantTopics;
import io.ecrm.streams.TopicReads;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A tenant's model topic on one instance: read from its start on every start and then followed,
 * each record handed to a listener (the tenant engine, which serves its settings), and written
 * when a fit on this instance ends. One key, compacted: the latest record is the model.
 */
public final class ModelTopic implements AutoCloseable {
    static final String KEY = "model";
    private static final Logger LOG = LoggerFactory.getLogger(ModelTopic.class);
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final String topic;
    private final KafkaConsumer<String, byte[]> consumer;
    private final KafkaProducer<String, byte[]> producer;
    private final Consumer<TenantModel> listener;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean caughtUp;
    private volatile TenantModel latest = TenantModel.NONE;

    /** @param listener called on the feed's thread with each model read, the latest last */
    public ModelTopic(String bootstrapServers, TenantTopics topics, Consumer<TenantModel> listener) {
        this.topic = topics.model();
        this.listener = listener;
        String client = "ecrm-" + topics.tenant().value() + "-model";
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.CLIENT_ID_CONFIG, client),
                new StringDeserializer(), new ByteArrayDeserializer());
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.CLIENT_ID_CONFIG, client + "-writer"),
                new StringSerializer(), new ByteArraySerializer());
        this.thread = new Thread(this::run, client);
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** The latest model read ({@link TenantModel#NONE} before any). */
    public TenantModel latest() {
        return latest;
    }

    /** Whether the topic has been read up to where it ended when this instance started: until then, {@link #latest} may be old. */
    public boolean caughtUp() {
        return caughtUp;
    }

    /** Writes a model and waits until the brokers have it; every instance's feed then reads it, this one's too. */
    public void publish(TenantModel model) throws InterruptedException, ExecutionException, TimeoutException {
        byte[] value;
        try {
            value = JSON.writeValueAsBytes(model);
        } catch (IOException e) {
            throw new IllegalStateException("a model that does not serialise: " + model, e);
        }
        producer.send(new ProducerRecord<>(topic, KEY, value)).get(30, TimeUnit.SECONDS);
    }

    private void run() {
        try {
            List<TopicPartition> partitions = TopicReads.fromStart(consumer, topic);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    read(record);
                }
                if (!caughtUp && partitions.stream().allMatch(p -> consumer.position(p) >= ends.get(p))) {
                    caughtUp = true;
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.warn("the model feed of {} stopped following its topic", topic, e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void read(ConsumerRecord<String, byte[]> record) {
        if (!KEY.equals(record.key()) || record.value() == null) {
            return;
        }
        try {
            TenantModel model = JSON.readValue(record.value(), TenantModel.class);
            listener.accept(model); // serving the settings first: whoever sees the model as latest sees them served
            latest = model;
        } catch (IOException | RuntimeException e) {
            LOG.warn("a record of {} at offset {} is no model; the settings in use stay", topic, record.offset(), e);
        }
    }

    @Override
    public void close() {
        running = false;
        if (thread.getState() != Thread.State.NEW) {
            consumer.wakeup();
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } else {
            consumer.close(Duration.ZERO);
        }
        producer.close(Duration.ofSeconds(5));
    }
}
