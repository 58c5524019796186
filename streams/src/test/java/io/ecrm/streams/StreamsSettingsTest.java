package io.ecrm.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The replication the engine's topics get, settled against the cluster they are created on. */
class StreamsSettingsTest {
    private static StreamsSettings settled(int factor, int minInsync, int brokers) {
        return StreamsSettings.DEFAULTS.withReplication((short) factor, minInsync).forCluster(brokers);
    }

    @Test
    void leftToTheClusterThreeCopiesWhereThereAreThreeBrokersAndOneOnASingleBroker() {
        assertFalse(StreamsSettings.DEFAULTS.replicationChosen());
        StreamsSettings single = StreamsSettings.DEFAULTS.forCluster(1);
        assertEquals(1, single.replicationFactor());
        assertEquals(1, single.minInsyncReplicas());
        assertTrue(single.replicationChosen());
        StreamsSettings two = StreamsSettings.DEFAULTS.forCluster(2);
        assertEquals(2, two.replicationFactor());
        assertEquals(1, two.minInsyncReplicas(), "two copies keep taking writes with one broker down");
        StreamsSettings five = StreamsSettings.DEFAULTS.forCluster(5);
        assertEquals(3, five.replicationFactor());
        assertEquals(2, five.minInsyncReplicas());
    }

    @Test
    void chosenValuesAreKeptAndTheMinimumFollowsAChosenFactor() {
        StreamsSettings four = settled(4, 0, 6);
        assertEquals(4, four.replicationFactor());
        assertEquals(2, four.minInsyncReplicas());
        assertEquals(3, settled(3, 3, 3).minInsyncReplicas());
        assertEquals(1, settled(0, 1, 3).minInsyncReplicas());
        assertEquals(3, settled(0, 1, 3).replicationFactor());
    }

    @Test
    void impossibleReplicationIsRefusedWithTheReason() {
        IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class, () -> settled(3, 0, 1));
        assertEquals("a replication factor of 3 needs at least 3 brokers; the cluster has 1", tooMany.getMessage());
        IllegalArgumentException minAbove = assertThrows(IllegalArgumentException.class, () -> settled(2, 3, 3));
        assertTrue(minAbove.getMessage().startsWith("min in-sync replicas (3) cannot exceed the replication factor (2)"));
        assertThrows(IllegalArgumentException.class, () -> StreamsSettings.DEFAULTS.withReplication((short) -1, 0));
    }
}
