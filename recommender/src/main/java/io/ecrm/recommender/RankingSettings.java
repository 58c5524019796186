package io.ecrm.recommender;

/**
 * How the ranker blends its sources and applies its rules, with defaults in {@link #DEFAULTS}.
 * Each source's scores are divided by that source's best score in the query, then weighted here,
 * so a weight says how much a source's best candidate counts against another's.
 *
 * @param sessionNeighboursWeight weight of session-kNN votes
 * @param repeatWeight            weight of the current session's own items
 * @param repeatDecay             a click k clicks before the session's last adds exp(-k / repeatDecay) to its item
 * @param followsWeight           weight of the items that follow the visitor's recent items
 * @param similarItemsWeight      weight of the items similar to the visitor's recent items
 * @param profileWeight           how much an item of the visitor's longer-term history counts in the item-to-item
 *                                sources, relative to an item of the current session at the same position
 * @param maxPerCategory          most items of one category in an answer (diversity); 0 for no cap
 * @param trendingHalfLifeMillis  half-life of the counts behind the trending list
 */
public record RankingSettings(
        double sessionNeighboursWeight,
        double repeatWeight,
        double repeatDecay,
        double followsWeight,
        double similarItemsWeight,
        double profileWeight,
        int maxPerCategory,
        long trendingHalfLifeMillis) {

    public static final RankingSettings DEFAULTS = new RankingSettings(1.0, 0.25, 2.0, 0.1, 0.1, 0.5, 0, 86_400_000L);

    public RankingSettings {
        if (sessionNeighboursWeight < 0 || repeatWeight < 0 || followsWeight < 0 || similarItemsWeight < 0
                || profileWeight < 0) {
            throw new IllegalArgumentException("source weights must not be negative");
        }
        if (!(repeatDecay > 0) || maxPerCategory < 0 || trendingHalfLifeMillis <= 0) {
            throw new IllegalArgumentException("repeatDecay and trendingHalfLifeMillis must be positive, maxPerCategory >= 0");
        }
    }

    public RankingSettings withWeights(double sessionNeighbours, double repeat, double follows, double similarItems) {
        return new RankingSettings(sessionNeighbours, repeat, repeatDecay, follows, similarItems, profileWeight,
                maxPerCategory, trendingHalfLifeMillis);
    }

    public RankingSettings withRepeatDecay(double value) {
        return new RankingSettings(sessionNeighboursWeight, repeatWeight, value, followsWeight, similarItemsWeight,
                profileWeight, maxPerCategory, trendingHalfLifeMillis);
    }

    public RankingSettings withMaxPerCategory(int value) {
        return new RankingSettings(sessionNeighboursWeight, repeatWeight, repeatDecay, followsWeight, similarItemsWeight,
                profileWeight, value, trendingHalfLifeMillis);
    }
}
