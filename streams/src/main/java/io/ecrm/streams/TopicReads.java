package io.ecrm.streams;

import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/** How the engine's own readers of a whole topic (no consumer group) start. */
public final class TopicReads {
    private TopicReads() {
    }

    /** Assigns the consumer every partition of the topic, each from its first record; answers the partitions. */
    public static List<TopicPartition> fromStart(Consumer<?, ?> consumer, String topic) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return partitions;
    }
}
