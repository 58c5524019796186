package io.ecrm.recommender;

import java.util.List;

/** The tenant's best-selling lists, which fill an answer when the other sources run short. */
public interface PopularItems {
    /** No popular items. */
    PopularItems NONE = of(List.of(), List.of());

    /** The most popular items of all time (weighted counts), best first. */
    List<ScoredItem> popular();

    /** The items most popular lately (counts decayed by age, see {@link DecayedCount}), best first. */
    List<ScoredItem> trending();

    static PopularItems of(List<ScoredItem> popular, List<ScoredItem> trending) {
        List<ScoredItem> p = List.copyOf(popular);
        List<ScoredItem> t = List.copyOf(trending);
        return new PopularItems() {
            @Override
            public List<ScoredItem> popular() {
                return p;
            }

            @Override
            public List<ScoredItem> trending() {
                return t;
            }
        };
    }
}
