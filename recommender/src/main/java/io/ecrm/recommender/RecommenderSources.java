package io.ecrm.recommender;

/**
 * Everything a ranking reads besides the query, each through a small interface that an in-memory
 * model ({@link InMemoryModel}) or the streaming path's stores implement.
 *
 * @param similar    item -> similar items (co-occurrence similarity)
 * @param follows    item -> items that follow it in sessions (sequential)
 * @param sessions   past sessions for session-kNN ({@link SessionIndex#EMPTY} when there is none)
 * @param popularity popular and trending items, for the fill
 * @param catalogue  category and availability of items, for the rules
 */
public record RecommenderSources(NeighbourLists similar, NeighbourLists follows, SessionIndex sessions,
                                 PopularItems popularity, Catalogue catalogue) {
    public RecommenderSources {
        if (similar == null || follows == null || sessions == null || popularity == null || catalogue == null) {
            throw new IllegalArgumentException("every source must be given (use its NONE or EMPTY)");
        }
    }

    /** Only similar items and popular ones: what an engine without session data has. */
    public static RecommenderSources ofSimilar(NeighbourLists similar, PopularItems popularity) {
        return new RecommenderSources(similar, NeighbourLists.NONE, SessionIndex.EMPTY, popularity, Catalogue.NONE);
    }
}
