package io.ecrm.recommender;

/**
 * Every tuning knob of the item-similarity recommender, with its default in {@link #DEFAULTS}.
 *
 * @param recentItemsPerVisitor how many distinct recent items a visitor's history keeps
 * @param purchasedItemsPerVisitor how many bought items a visitor's history keeps, to exclude them
 * @param cooccurrenceWindow each new item event pairs with this many of the visitor's most recent items
 * @param cooccurrenceWindowMillis ... and only with those seen at most this long before it
 * @param maxCandidatesPerItem co-occurrence counts kept per item; the weakest are pruned past this
 * @param maxNeighboursPerItem neighbours kept in an item's scored neighbour list
 * @param queryItems how many of a visitor's most recent items a recommendation query blends
 * @param viewWeight weight of a product view in co-occurrence and popularity counts
 * @param cartWeight weight of an add-to-cart
 * @param purchaseWeight weight of a purchase
 */
public record RecommenderSettings(
        int recentItemsPerVisitor,
        int purchasedItemsPerVisitor,
        int cooccurrenceWindow,
        long cooccurrenceWindowMillis,
        int maxCandidatesPerItem,
        int maxNeighboursPerItem,
        int queryItems,
        double viewWeight,
        double cartWeight,
        double purchaseWeight) {

    public static final RecommenderSettings DEFAULTS = new RecommenderSettings(
            20, 50, 10, 30 * 60 * 1000L, 500, 50, 10, 1.0, 3.0, 5.0);

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
    }

    private static void positive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
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
