package io.ecrm.recommender;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The tenant's best-selling lists, which fill an answer when the other sources run short. */
public interface PopularItems {
    /** No popular items. */
    PopularItems NONE = of(List.of(), List.of());

    /** The most popular items of all time (weighted counts), best first. */
    List<ScoredItem> popular();

    /** The items most popular lately (counts decayed by age, see {@link DecayedCount}), best first. */
    List<ScoredItem> trending();

    /**
     * The item's place in {@link #popular()} (0: the most popular), or {@link Integer#MAX_VALUE} when it
     * is not there: how the ranker breaks ties between candidates of equal score.
     */
    int rank(String itemId);

    /** The two lists, with the ranks of {@link #popular()} indexed at once: immutable, so shared by every query. */
    static PopularItems of(List<ScoredItem> popular, List<ScoredItem> trending) {
        List<ScoredItem> p = List.copyOf(popular);
        List<ScoredItem> t = List.copyOf(trending);
        Map<String, Integer> ranks = new HashMap<>(p.size() * 2);
        for (int r = p.size() - 1; r >= 0; r--) {
            ranks.put(p.get(r).itemId(), r);
        }
        return new PopularItems() {
            @Override
            public List<ScoredItem> popular() {
                return p;
            }

            @Override
            public List<ScoredItem> trending() {
                return t;
            }

            @Override
            public int rank(String itemId) {
                return ranks.getOrDefault(itemId, Integer.MAX_VALUE);
            }
        };
    }
}
