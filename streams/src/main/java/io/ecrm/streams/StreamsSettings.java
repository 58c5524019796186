package io.ecrm.streams;

import io.ecrm.streams.cleaning.CleaningSettings;

/**
 * How the Streams side of a tenant runs, with defaults in {@link #DEFAULTS}.
 *
 * @param partitions partitions of each tenant topic: the most instances a tenant can scale out to
 * @param replicationFactor replication of tenant and internal topics (1 for a single broker)
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
        int streamThreads,
        int standbyReplicas,
        long neighbourRefreshMillis,
        double neighbourGrowth,
        long neighbourMaxWaitMillis,
        long commitIntervalMillis,
        CleaningSettings cleaning,
        long sessionGapMillis) {

    public static final StreamsSettings DEFAULTS = new StreamsSettings(4, (short) 1, 1, 0, 1000, 0.1, 10_000, 100,
            CleaningSettings.DEFAULTS, 30 * 60_000L);

    public StreamsSettings {
        if (partitions < 1 || replicationFactor < 1 || streamThreads < 1 || standbyReplicas < 0
                || neighbourRefreshMillis < 1 || !(neighbourGrowth >= 0) || neighbourMaxWaitMillis < 0
                || commitIntervalMillis < 1 || sessionGapMillis < 1) {
            throw new IllegalArgumentException("invalid streams settings: " + partitions + " partitions, replication "
                    + replicationFactor + ", " + streamThreads + " threads, " + standbyReplicas + " standbys, growth "
                    + neighbourGrowth + ", wait " + neighbourMaxWaitMillis + " ms");
        }
    }

    public StreamsSettings withPartitions(int value) {
        return new StreamsSettings(value, replicationFactor, streamThreads, standbyReplicas,
                neighbourRefreshMillis, neighbourGrowth, neighbourMaxWaitMillis, commitIntervalMillis, cleaning, sessionGapMillis);
    }

    public StreamsSettings withStandbyReplicas(int value) {
        return new StreamsSettings(partitions, replicationFactor, streamThreads, value,
                neighbourRefreshMillis, neighbourGrowth, neighbourMaxWaitMillis, commitIntervalMillis, cleaning, sessionGapMillis);
    }

    public StreamsSettings withCleaning(CleaningSettings value) {
        return new StreamsSettings(partitions, replicationFactor, streamThreads, standbyReplicas,
                neighbourRefreshMillis, neighbourGrowth, neighbourMaxWaitMillis, commitIntervalMillis, value, sessionGapMillis);
    }

    /** These settings with changed items' lists due at once ({@code growth} 0) or by the given rule. */
    public StreamsSettings withNeighbourDue(double growth, long maxWaitMillis) {
        return new StreamsSettings(partitions, replicationFactor, streamThreads, standbyReplicas,
                neighbourRefreshMillis, growth, maxWaitMillis, commitIntervalMillis, cleaning, sessionGapMillis);
    }
}
