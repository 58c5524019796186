package io.ecrm.recommender;

import java.util.List;
import java.util.Set;

/**
 * What to recommend for. Build one with {@link #builder()}.
 *
 * @param sessionItems     the visitor's current session, <b>oldest first</b> (click order, repeats kept)
 * @param sessionId        the current session's id in the session index, to leave it out of its own
 *                         neighbours; null when it is not indexed
 * @param recentItems      the visitor's longer-term history, <b>newest first</b>, distinct
 * @param bought           items the visitor bought: never recommended
 * @param excluded         items never to recommend (for instance, already in the cart)
 * @param itemOnScreen     the item the visitor is looking at, or null: it counts as their latest click and is not
 *                         recommended itself
 * @param category         only items of this category (by the catalogue), or null for any
 * @param includeSeen      whether items of the session and of the history may be recommended again
 * @param count            how many items to answer
 * @param explain          whether each item carries every source's contribution
 * @param ignored          what the visitor was shown and left alone: demoted items and items not to show again
 *                         (relaxed, like seen items, only when the answer would otherwise be empty)
 */
public record RecommendationQuery(
        List<String> sessionItems,
        String sessionId,
        List<String> recentItems,
        Set<String> bought,
        Set<String> excluded,
        String itemOnScreen,
        String category,
        boolean includeSeen,
        int count,
        boolean explain,
        IgnoredItems ignored) {

    public RecommendationQuery {
        sessionItems = List.copyOf(sessionItems);
        recentItems = List.copyOf(recentItems);
        bought = Set.copyOf(bought);
        excluded = Set.copyOf(excluded);
        ignored = ignored == null ? IgnoredItems.NONE : ignored;
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, was " + count);
        }
    }

    /**
     * A visitor known by their history alone (newest first), items already excluded by the caller:
     * what an engine without session data asks. Seen items are not excluded beyond {@code excluded}.
     */
    public RecommendationQuery(List<String> recentItems, Set<String> excluded, int count) {
        this(List.of(), null, recentItems, Set.of(), excluded, null, null, true, count, false, IgnoredItems.NONE);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds a query; everything but {@link #count} is optional (default count 10, seen items allowed). */
    public static final class Builder {
        private List<String> sessionItems = List.of();
        private String sessionId;
        private List<String> recentItems = List.of();
        private Set<String> bought = Set.of();
        private Set<String> excluded = Set.of();
        private String itemOnScreen;
        private String category;
        private boolean includeSeen = true;
        private int count = 10;
        private boolean explain;
        private IgnoredItems ignored = IgnoredItems.NONE;

        /** The current session, oldest first. */
        public Builder session(List<String> itemsOldestFirst) {
            this.sessionItems = itemsOldestFirst;
            return this;
        }

        public Builder sessionId(String id) {
            this.sessionId = id;
            return this;
        }

        /** The longer-term history, newest first. */
        public Builder recent(List<String> itemsNewestFirst) {
            this.recentItems = itemsNewestFirst;
            return this;
        }

        public Builder bought(Set<String> items) {
            this.bought = items;
            return this;
        }

        public Builder excluded(Set<String> items) {
            this.excluded = items;
            return this;
        }

        public Builder onScreen(String itemId) {
            this.itemOnScreen = itemId;
            return this;
        }

        public Builder category(String category) {
            this.category = category;
            return this;
        }

        public Builder includeSeen(boolean include) {
            this.includeSeen = include;
            return this;
        }

        public Builder count(int count) {
            this.count = count;
            return this;
        }

        public Builder explain(boolean explain) {
            this.explain = explain;
            return this;
        }

        public Builder ignored(IgnoredItems items) {
            this.ignored = items;
            return this;
        }

        public RecommendationQuery build() {
            return new RecommendationQuery(sessionItems, sessionId, recentItems, bought, excluded, itemOnScreen, category,
                    includeSeen, count, explain, ignored);
        }
    }
}
