package io.ecrm.streams;

import io.ecrm.streams.cleaning.CleaningSettings;

/**
 * How the Streams side of a tenant runs, with defaults in {@link #DEFAULTS}.
 *
 * @param partitions partitions of each tenant topic: the most instances a tenant can scale out to
 * @param replicationFactor copies of each partition of the tenant's topics and Streams' internal topics; 0 chooses
 *                          from the cluster ({@link #forCluster}): min(3, brokers), so 1 on the embedded broker
 * @param minInsyncReplicas copies that must have a write before it counts (the topics' {@code min.insync.replicas});
 *                          0 chooses from the replication factor: one less, at most 2, at least 1
 * @param streamThreads stream threads per instance and tenant
 * @param standbyReplicas warm copies of each store on other instances, for fast fail-over
 * @param neighbourRefreshMillis how often changed items get their counts published and, when due, their neighbour lists recomputed
 * @param neighbourGrowth a changed item's lists are due once its weight grew by this share of itself
 * @param neighbourMaxWaitMillis a changed item's lists are due at the latest this long after its first change
 * @param commitIntervalMillis how often processing commits (exactly-once transactions)
 * @param cleaning what the cleaning stage refuses
 * @param sessionGapMillis inactivity after which a visitor's next event starts a new session
 */
public record StreamsSettings(
        int partitions,
        short replicationFactor,
        int minInsyncReplicas,
        int streamThreads,
        int standbyReplicas,
        long neighbourRefreshMillis,
        double neighbourGrowth,
        long neighbourMaxWaitMillis,
        long commitIntervalMillis,
        CleaningSettings cleaning,
        long sessionGapMillis) {

    public static final StreamsSettings DEFAULTS = new StreamsSettings(4, (short) 0, 0, 1, 0, 1000, 0.1, 10_000, 100,
            CleaningSettings.DEFAULTS, 30 * 60_000L);

    public StreamsSettings {
        if (partitions < 1 || replicationFactor < 0 || minInsyncReplicas < 0
                || streamThreads < 1 || standbyReplicas < 0
                || neighbourRefreshMillis < 1 || !(neighbourGrowth >= 0) || neighbourMaxWaitMillis < 0
                || commitIntervalMillis < 1 || sessionGapMillis < 1) {
            throw new IllegalArgumentException("invalid streams settings: " + partitions + " partitions, replication "
                    + replicationFactor + ", min in sync " + minInsyncReplicas + ", " + streamThreads + " threads, " + standbyReplicas + " standbys, growth "
                    + neighbourGrowth + ", wait " + neighbourMaxWaitMillis + " ms");
        }
    }

    public StreamsSettings withPartitions(int value) {
        return new StreamsSettings(value, replicationFactor, minInsyncReplicas, streamThreads, standbyReplicas,
                neighbourRefreshMillis, neighbourGrowth, neighbourMaxWaitMillis, commitIntervalMillis, cleaning, sessionGapMillis);
    }

    public StreamsSettings withStandbyReplicas(int value) {
        return new StreamsSettings(partitions, replicationFactor, minInsyncReplicas, streamThreads, value,
                neighbourRefreshMillis, neighbourGrowth, neighbourMaxWaitMillis, commitIntervalMillis, cleaning, sessionGapMillis);
    }

    public StreamsSettings withCleaning(CleaningSettings value) {
        return new StreamsSettings(partitions, replicationFactor, minInsyncReplicas, streamThreads, standbyReplicas,
                neighbourRefreshMillis, neighbourGrowth, neighbourMaxWaitMillis, commitIntervalMillis, value, sessionGapMillis);
    }

    /** These settings with changed items' lists due at once ({@code growth} 0) or by the given rule. */
    public StreamsSettings withNeighbourDue(double growth, long maxWaitMillis) {
        return new StreamsSettings(partitions, replicationFactor, minInsyncReplicas, streamThreads, standbyReplicas,
                neighbourRefreshMillis, growth, maxWaitMillis, commitIntervalMillis, cleaning, sessionGapMillis);
    }

    /** These settings with the replication given ({@code 0}: chosen from the cluster, see {@link #forCluster}). */
    public StreamsSettings withReplication(short factor, int minInsync) {
        return new StreamsSettings(partitions, factor, minInsync, streamThreads, standbyReplicas,
                neighbourRefreshMillis, neighbourGrowth, neighbourMaxWaitMillis, commitIntervalMillis, cleaning, sessionGapMillis);
    }

    /** Whether the replication is settled: topics can only be created once it is. */
    public boolean replicationChosen() {
        return replicationFactor > 0 && minInsyncReplicas > 0;
    }

    /**
     * These settings with the replication settled for a cluster of {@code brokers}: a factor left
     * at 0 becomes min(3, brokers), a minimum in sync left at 0 becomes factor - 1, at most 2 and
     * at least 1 (so a three-copy topic keeps taking writes with one broker down and never
     * acknowledges a write only one broker has). A factor above the broker count, or a minimum
     * above the factor, is refused: Kafka would refuse the topics, or every write to them.
     */
    public StreamsSettings forCluster(int brokers) {
        if (brokers < 1) {
            throw new IllegalArgumentException("the Kafka cluster has no broker");
        }
        if (replicationFactor > brokers) {
            throw new IllegalArgumentException("a replication factor of " + replicationFactor + " needs at least "
                    + replicationFactor + " brokers; the cluster has " + brokers);
        }
        short factor = replicationFactor > 0 ? replicationFactor : (short) Math.min(3, brokers);
        int minInsync = minInsyncReplicas > 0 ? minInsyncReplicas : Math.max(1, Math.min(2, factor - 1));
        if (minInsync > factor) {
            throw new IllegalArgumentException("min in-sync replicas (" + minInsync + ") cannot exceed the replication factor ("
                    + factor + "): no write could ever be acknowledged");
        }
        return withReplication(factor, minInsync);
    }
}
