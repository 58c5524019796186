package io.ecrm.streams.segments;

/**
 * How segments are computed, with every default in {@link #DEFAULTS}.
 *
 * @param clusters              number of behaviour clusters; 0 chooses it by silhouette between
 *                              {@code minClusters} and {@code maxClusters}
 * @param minClusters           fewest clusters tried when choosing
 * @param maxClusters           most clusters tried when choosing
 * @param clusterSampleSize     profiles (a seeded uniform sample) the clusters are fitted on; every
 *                              profile is then assigned to its nearest centroid
 * @param silhouetteSampleSize  points of that sample the silhouette is measured on (it costs n^2)
 * @param maxIterations         k-means iterations per run
 * @param categoryFeatures      the tenant's most viewed categories that become affinity features
 * @param seed                  seed of the sample and of k-means++, so a rerun gives the same clusters
 * @param maxAgeMillis          how long a computed snapshot answers before it is recomputed
 * @param recommendedItems      recommended items per exported row
 */
public record SegmentSettings(
        int clusters,
        int minClusters,
        int maxClusters,
        int clusterSampleSize,
        int silhouetteSampleSize,
        int maxIterations,
        int categoryFeatures,
        long seed,
        long maxAgeMillis,
        int recommendedItems) {

    public static final SegmentSettings DEFAULTS = new SegmentSettings(0, 2, 8, 20_000, 2_000, 100, 8, 42L,
            10 * 60_000L, 5);

    public SegmentSettings {
        if (clusters < 0 || minClusters < 2 || maxClusters < minClusters || clusterSampleSize < 2
                || silhouetteSampleSize < 2 || maxIterations < 1 || categoryFeatures < 0 || maxAgeMillis < 0
                || recommendedItems < 0) {
            throw new IllegalArgumentException("invalid segment settings: " + this);
        }
    }

    /** The same settings with a fixed number of clusters (0: chosen by silhouette). */
    public SegmentSettings withClusters(int k) {
        return new SegmentSettings(k, minClusters, maxClusters, clusterSampleSize, silhouetteSampleSize, maxIterations,
                categoryFeatures, seed, maxAgeMillis, recommendedItems);
    }
}
