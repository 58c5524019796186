package io.ecrm.serving.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ecrm.streams.StreamsSettings;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.junit.jupiter.api.Test;

/** Which topics are short of the replication the engine wants, and how the warning says so. */
class ReplicationWatchTest {
    private static final List<Node> BROKERS = IntStream.range(0, 3).mapToObj(i -> new Node(i, "b" + i, 9092)).toList();
    private static final StreamsSettings WANTED = StreamsSettings.DEFAULTS.forCluster(3);

    /** A partition on the first {@code copies} brokers, the first {@code inSync} of them in sync. */
    private static TopicPartitionInfo partition(int p, int copies, int inSync) {
        return new TopicPartitionInfo(p, BROKERS.get(0), BROKERS.subList(0, copies), BROKERS.subList(0, inSync));
    }

    @Test
    void aWellReplicatedTopicIsNoWarning() {
        TopicDescription events = new TopicDescription("ecrm.shop.events", false, List.of(partition(0, 3, 3), partition(1, 3, 2)));
        assertEquals(List.of(), ReplicationWatch.shortfalls(List.of(events), WANTED));
    }

    @Test
    void fewerCopiesThanWantedAndTooFewInSyncAreNamed() {
        TopicDescription old = new TopicDescription("ecrm.shop.events", false, List.of(partition(0, 1, 1), partition(1, 1, 1)));
        TopicDescription lagging = new TopicDescription("ecrm-shop-visitors-changelog", false,
                List.of(partition(0, 3, 3), partition(1, 3, 1)));
        assertEquals(List.of(
                        "ecrm-shop-visitors-changelog-1 has 1 of 3 copies in sync, 2 needed for a write",
                        "ecrm.shop.events has 1 copy of a partition, 3 wanted: a broker lost takes its data along; reassign its partitions"),
                ReplicationWatch.shortfalls(List.of(old, lagging), WANTED));
    }

    @Test
    void onASingleBrokerOneCopyIsAllThereIs() {
        TopicDescription events = new TopicDescription("ecrm.shop.events", false, List.of(partition(0, 1, 1)));
        assertEquals(List.of(), ReplicationWatch.shortfalls(List.of(events), StreamsSettings.DEFAULTS.forCluster(1)));
    }
}
