package io.ecrm.recommender;

/**
 * How the ranker blends its sources and applies its rules, with defaults in {@link #DEFAULTS}.
 * Each source's scores are divided by that source's best score in the query, then weighted here,
 * so a weight says how much a source's best candidate counts against another's. A tenant's fit
 * ({@code io.ecrm.recommender.tuning.SettingsFit}) chooses the weights and decays on its own traffic;
 * these defaults are where a tenant without enough visits to fit starts.
 *
 * @param sessionNeighboursWeight weight of session-kNN votes
 * @param repeatWeight            weight of the current session's own items
 * @param repeatDecay             a click k clicks before the session's last adds exp(-k / repeatDecay) to its item;
 *                                0 turns recency off: each click adds 1, so the session's items rank by how often
 *                                they were clicked (S-POP)
 * @param followsWeight           weight of the items that follow the visitor's recent items
 * @param similarItemsWeight      weight of the items similar to the visitor's recent items
 * @param popularityWeight        weight of the tenant's most popular items (by weighted count), as a blended source
 *                                rather than only as the fill
 * @param profileWeight           how much an item of the visitor's longer-term history counts in the item-to-item
 *                                sources, relative to an item of the current session at the same position
 * @param maxPerCategory          most items of one category in an answer (diversity); 0 for no cap
 * @param trendingHalfLifeMillis  half-life of the counts behind the trending list
 * @param impressions             how the items a visitor was shown and ignored are demoted and hidden
 */
public record RankingSettings(
        double sessionNeighboursWeight,
        double repeatWeight,
        double repeatDecay,
        double followsWeight,
        double similarItemsWeight,
        double popularityWeight,
        double profileWeight,
        int maxPerCategory,
        long trendingHalfLifeMillis,
        ImpressionSettings impressions) {

    public static final RankingSettings DEFAULTS = new RankingSettings(1.0, 0.25, 2.0, 0.1, 0.1, 0.0, 0.5, 0, 86_400_000L,
            ImpressionSettings.DEFAULTS);

    public RankingSettings {
        if (sessionNeighboursWeight < 0 || repeatWeight < 0 || followsWeight < 0 || similarItemsWeight < 0
                || popularityWeight < 0 || profileWeight < 0) {
            throw new IllegalArgumentException("source weights must not be negative");
        }
        if (!(repeatDecay >= 0) || Double.isInfinite(repeatDecay) || maxPerCategory < 0 || trendingHalfLifeMillis <= 0) {
            throw new IllegalArgumentException(
                    "repeatDecay must be finite and >= 0 (0: no decay), trendingHalfLifeMillis positive, maxPerCategory >= 0");
        }
        if (impressions == null) {
            throw new IllegalArgumentException("impressions must be given");
        }
    }

    /** The five source weights: session neighbours, repeat, follows, similar items, popularity. */
    public RankingSettings withWeights(double sessionNeighbours, double repeat, double follows, double similarItems,
                                       double popularity) {
        return new RankingSettings(sessionNeighbours, repeat, repeatDecay, follows, similarItems, popularity,
                profileWeight, maxPerCategory, trendingHalfLifeMillis, impressions);
    }

    public RankingSettings withRepeatDecay(double value) {
        return new RankingSettings(sessionNeighboursWeight, repeatWeight, value, followsWeight, similarItemsWeight,
                popularityWeight, profileWeight, maxPerCategory, trendingHalfLifeMillis, impressions);
    }

    public RankingSettings withMaxPerCategory(int value) {
        return new RankingSettings(sessionNeighboursWeight, repeatWeight, repeatDecay, followsWeight, similarItemsWeight,
                popularityWeight, profileWeight, value, trendingHalfLifeMillis, impressions);
    }

    public RankingSettings withImpressions(ImpressionSettings value) {
        return new RankingSettings(sessionNeighboursWeight, repeatWeight, repeatDecay, followsWeight, similarItemsWeight,
                popularityWeight, profileWeight, maxPerCategory, trendingHalfLifeMillis, value);
    }
}
