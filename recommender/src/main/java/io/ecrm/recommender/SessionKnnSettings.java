package io.ecrm.recommender;

/**
 * Knobs of the session-aware blend, with defaults in {@link #DEFAULTS}. The defaults are the
 * published V-SKNN choices (1,000 candidate sessions, 100 neighbours) and equal weights for the
 * normalised signals, not values fitted to one data set.
 *
 * @param sampleSize          most recent past sessions sharing an item that are compared with the current one
 * @param neighbours          most similar of them that vote
 * @param beforeMatchWeight   vote weight of a neighbour's items clicked before its shared item, relative to after
 * @param repeatWeight        weight of the current session's own items (recency-weighted), relative to the votes
 * @param itemNeighbourWeight weight of the item-to-item neighbours of recent items, relative to the votes
 * @param maxSessions         past sessions the index keeps
 * @param maxSessionsPerItem  past sessions the index keeps per item
 */
public record SessionKnnSettings(
        int sampleSize,
        int neighbours,
        double beforeMatchWeight,
        double repeatWeight,
        double itemNeighbourWeight,
        int maxSessions,
        int maxSessionsPerItem) {

    public static final SessionKnnSettings DEFAULTS = new SessionKnnSettings(1_000, 100, 0.5, 1.0, 0.0, 1_000_000, 1_000);

    public SessionKnnSettings {
        if (sampleSize < 1 || neighbours < 1 || maxSessions < 1 || maxSessionsPerItem < 1) {
            throw new IllegalArgumentException("session-kNN sizes must be positive");
        }
        if (beforeMatchWeight < 0 || repeatWeight < 0 || itemNeighbourWeight < 0) {
            throw new IllegalArgumentException("session-kNN weights must not be negative");
        }
    }
}
