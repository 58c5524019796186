package io.ecrm.serving.model;

import io.ecrm.recommender.evaluation.Click;
import io.ecrm.schemas.TenantTopics;
import io.ecrm.streams.TopicReads;
import io.ecrm.streams.profile.SessionSummary;
import io.ecrm.streams.serde.StateSerdes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A tenant's closed visits as clicks, for a fit: the sessions topic (a week of visits) read from its
 * start to where it ends now. A visit's items are taken in the order first touched, as the live
 * session index takes them, spread evenly from the visit's start to its end.
 */
final class ClosedVisits {
    private static final Duration PATIENCE = Duration.ofMinutes(5);

    private ClosedVisits() {
    }

    /** The clicks of every closed visit; {@code progress} gets the visits read so far. */
    static List<Click> read(String bootstrapServers, TenantTopics topics, LongConsumer progress) {
        String topic = topics.sessions();
        List<Click> clicks = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.CLIENT_ID_CONFIG, "ecrm-" + topics.tenant().value() + "-fit-reader"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = TopicReads.fromStart(consumer, topic);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            long visits = 0;
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                if (System.nanoTime() > deadline || Thread.currentThread().isInterrupted()) {
                    throw new IllegalStateException("reading " + topic + " took longer than " + PATIENCE.toMinutes() + " minutes");
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.offset() >= ends.get(new TopicPartition(record.topic(), record.partition()))) {
                        continue; // closed after the fit began: the next fit takes it
                    }
                    SessionSummary visit = StateSerdes.SESSION_SUMMARY.deserializer().deserialize(topic, record.value());
                    if (visit != null) {
                        addClicks(visit, clicks);
                        progress.accept(++visits);
                    }
                }
            }
        }
        return clicks;
    }

    static void addClicks(SessionSummary visit, List<Click> clicks) {
        String id = visit.visitorKey() + "@" + visit.startMillis();
        List<String> items = visit.items();
        long span = Math.max(0, visit.endMillis() - visit.startMillis());
        for (int k = 0; k < items.size(); k++) {
            long at = items.size() == 1 ? visit.endMillis() : visit.startMillis() + span * k / (items.size() - 1);
            clicks.add(new Click(id, items.get(k), at));
        }
    }
}
