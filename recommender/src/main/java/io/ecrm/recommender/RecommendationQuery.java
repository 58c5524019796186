package io.ecrm.recommender;

import java.util.List;
import java.util.Set;

/**
 * What to recommend for: the visitor's recent items (newest first), what must not be shown, and
 * how many items to answer.
 */
public record RecommendationQuery(List<String> recentItems, Set<String> excluded, int count) {
    public RecommendationQuery {
        recentItems = List.copyOf(recentItems);
        excluded = Set.copyOf(excluded);
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, was " + count);
        }
    }
}
