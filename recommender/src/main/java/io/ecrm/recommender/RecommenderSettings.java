package io.ecrm.recommender;

/**
 * Every tuning knob of the recommender, with its default in {@link #DEFAULTS}: the counts kept per
 * visitor and item, the similarity measure, the session-kNN source and the ranking.
 *
 * @param recentItemsPerVisitor how many distinct recent items a visitor's history keeps
 * @param purchasedItemsPerVisitor how many bought items a visitor's history keeps, to exclude them
 * @param cooccurrenceWindow each new item event pairs with this many of the visitor's most recent items (for
 *                           similar items, and for follows: the sequential rules' published 10 steps)
 * @param cooccurrenceWindowMillis ... and only with those seen at most this long before it
 * @param countRepeatClicks whether a click on an item still among the visitor's recent items (by an action no
 *                          stronger than before) adds to its count and pairs again; false counts each item and
 *                          pair once while it stays recent, as Item-KNN counts each session once
 * @param maxCandidatesPerItem co-occurrence (and follow) counts kept per item; the weakest are pruned past this
 * @param maxNeighboursPerItem neighbours kept in an item's scored similar-items and follows lists
 * @param queryItems how many of a visitor's most recent items the item-to-item sources read
 * @param viewWeight weight of a product view in co-occurrence and popularity counts
 * @param cartWeight weight of an add-to-cart
 * @param purchaseWeight weight of a purchase
 * @param similarity the item-to-item similarity measure of similar-items lists
 * @param sessionKnn the session-kNN source and its index
 * @param ranking how the sources are blended and filtered
 */
public record RecommenderSettings(
        int recentItemsPerVisitor,
        int purchasedItemsPerVisitor,
        int cooccurrenceWindow,
        long cooccurrenceWindowMillis,
        boolean countRepeatClicks,
        int maxCandidatesPerItem,
        int maxNeighboursPerItem,
        int queryItems,
        double viewWeight,
        double cartWeight,
        double purchaseWeight,
        Similarity similarity,
        SessionKnnSettings sessionKnn,
        RankingSettings ranking) {

    public static final RecommenderSettings DEFAULTS = new RecommenderSettings(
            20, 50, 10, 30 * 60 * 1000L, true, 500, 50, 10, 1.0, 3.0, 5.0,
            Similarity.LLR, SessionKnnSettings.DEFAULTS, RankingSettings.DEFAULTS);

    public RecommenderSettings {
        positive("recentItemsPerVisitor", recentItemsPerVisitor);
        positive("purchasedItemsPerVisitor", purchasedItemsPerVisitor);
        positive("cooccurrenceWindow", cooccurrenceWindow);
        positive("cooccurrenceWindowMillis", cooccurrenceWindowMillis);
        positive("maxCandidatesPerItem", maxCandidatesPerItem);
        positive("maxNeighboursPerItem", maxNeighboursPerItem);
        positive("queryItems", queryItems);
        if (!(viewWeight > 0 && cartWeight > 0 && purchaseWeight > 0)) {
            throw new IllegalArgumentException("event weights must be positive");
        }
        if (similarity == null || sessionKnn == null || ranking == null) {
            throw new IllegalArgumentException("similarity, sessionKnn and ranking must be given");
        }
    }

    /** The counting knobs alone (repeat clicks counted); the similarity, session-kNN and ranking knobs take their defaults. */
    public RecommenderSettings(int recentItemsPerVisitor, int purchasedItemsPerVisitor, int cooccurrenceWindow,
                               long cooccurrenceWindowMillis, int maxCandidatesPerItem, int maxNeighboursPerItem,
                               int queryItems, double viewWeight, double cartWeight, double purchaseWeight) {
        this(recentItemsPerVisitor, purchasedItemsPerVisitor, cooccurrenceWindow, cooccurrenceWindowMillis, true,
                maxCandidatesPerItem, maxNeighboursPerItem, queryItems, viewWeight, cartWeight, purchaseWeight,
                Similarity.LLR, SessionKnnSettings.DEFAULTS, RankingSettings.DEFAULTS);
    }

    private static void positive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }

    /** These settings with other co-occurrence counting: the pairing window and whether repeat clicks count. */
    public RecommenderSettings withCooccurrence(int window, long windowMillis, boolean repeatClicksCount) {
        return new RecommenderSettings(recentItemsPerVisitor, purchasedItemsPerVisitor, window, windowMillis,
                repeatClicksCount, maxCandidatesPerItem, maxNeighboursPerItem, queryItems, viewWeight, cartWeight,
                purchaseWeight, similarity, sessionKnn, ranking);
    }

    public RecommenderSettings withSimilarity(Similarity value) {
        return new RecommenderSettings(recentItemsPerVisitor, purchasedItemsPerVisitor, cooccurrenceWindow,
                cooccurrenceWindowMillis, countRepeatClicks, maxCandidatesPerItem, maxNeighboursPerItem, queryItems,
                viewWeight, cartWeight, purchaseWeight, value, sessionKnn, ranking);
    }

    public RecommenderSettings withSessionKnn(SessionKnnSettings value) {
        return new RecommenderSettings(recentItemsPerVisitor, purchasedItemsPerVisitor, cooccurrenceWindow,
                cooccurrenceWindowMillis, countRepeatClicks, maxCandidatesPerItem, maxNeighboursPerItem, queryItems,
                viewWeight, cartWeight, purchaseWeight, similarity, value, ranking);
    }

    public RecommenderSettings withQueryItems(int value) {
        return new RecommenderSettings(recentItemsPerVisitor, purchasedItemsPerVisitor, cooccurrenceWindow,
                cooccurrenceWindowMillis, countRepeatClicks, maxCandidatesPerItem, maxNeighboursPerItem, value,
                viewWeight, cartWeight, purchaseWeight, similarity, sessionKnn, ranking);
    }

    public RecommenderSettings withRanking(RankingSettings value) {
        return new RecommenderSettings(recentItemsPerVisitor, purchasedItemsPerVisitor, cooccurrenceWindow,
                cooccurrenceWindowMillis, countRepeatClicks, maxCandidatesPerItem, maxNeighboursPerItem, queryItems,
                viewWeight, cartWeight, purchaseWeight, similarity, sessionKnn, value);
    }

    /** The weight an event of this kind adds to counts; 0 for kinds that say nothing about interest. */
    public double weightOf(EventKind kind) {
        return switch (kind) {
            case VIEW -> viewWeight;
            case ADD_TO_CART -> cartWeight;
            case PURCHASE -> purchaseWeight;
            case REMOVE_FROM_CART -> 0.0;
        };
    }
}
