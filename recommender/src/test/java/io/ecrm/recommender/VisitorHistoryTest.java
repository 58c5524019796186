package io.ecrm.recommender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VisitorHistoryTest {
    private static final RecommenderSettings SETTINGS = new RecommenderSettings(
            4, 2, 2, 60_000, 100, 10, 10, 1.0, 3.0, 5.0);

    private static VisitorHistory views(String... items) {
        VisitorHistory history = VisitorHistory.EMPTY;
        long t = 0;
        for (String item : items) {
            history = history.observe(item, EventKind.VIEW, t += 1000, SETTINGS).history();
        }
        return history;
    }

    @Test
    void firstEventCountsTheItemAndPairsWithNothing() {
        VisitorHistory.Observed observed = VisitorHistory.EMPTY.observe("a", EventKind.VIEW, 0, SETTINGS);
        assertEquals(List.of(new ItemUpdate("a", 1.0, Map.of())), observed.updates());
        assertEquals(List.of("a"), observed.history().recentItemIds());
    }

    @Test
    void pairsWithTheMostRecentItemsOfTheWindowBothWays() {
        VisitorHistory.Observed observed = views("a", "b", "c").observe("d", EventKind.VIEW, 4000, SETTINGS);
        assertEquals(List.of(
                new ItemUpdate("d", 1.0, Map.of("c", 1.0, "b", 1.0)),
                new ItemUpdate("c", 0.0, Map.of("d", 1.0)),
                new ItemUpdate("b", 0.0, Map.of("d", 1.0))), observed.updates());
    }

    @Test
    void aPairWeighsAsItsWeakerAction() {
        VisitorHistory.Observed observed = views("a").observe("b", EventKind.PURCHASE, 5000, SETTINGS);
        assertEquals(Map.of("a", 1.0), observed.updates().get(0).coWeights());
        assertEquals(5.0, observed.updates().get(0).ownWeight());
        assertEquals(List.of("b"), observed.history().purchased());
    }

    @Test
    void aRepeatedItemDoesNotPairWithItselfAndMovesToTheFront() {
        VisitorHistory.Observed observed = views("a", "b").observe("a", EventKind.VIEW, 3000, SETTINGS);
        assertEquals(Map.of("b", 1.0), observed.updates().get(0).coWeights());
        assertEquals(List.of("a", "b"), observed.history().recentItemIds());
    }

    @Test
    void withoutRepeatCountsARepeatAddsNothingButAStrongerActionStillCounts() {
        RecommenderSettings once = SETTINGS.withCooccurrence(2, 60_000, false);
        VisitorHistory ab = VisitorHistory.EMPTY.observe("a", EventKind.VIEW, 1000, once).history()
                .observe("b", EventKind.VIEW, 2000, once).history();
        VisitorHistory.Observed repeat = ab.observe("a", EventKind.VIEW, 3000, once);
        assertTrue(repeat.updates().isEmpty());
        assertEquals(List.of("a", "b"), repeat.history().recentItemIds());
        assertEquals(List.of(new ItemUpdate("b", 1.0, Map.of("a", 1.0))), repeat.follows(), "follows still count the step");
        VisitorHistory.Observed bought = ab.observe("a", EventKind.PURCHASE, 3000, once);
        assertEquals(new ItemUpdate("a", 5.0, Map.of("b", 1.0)), bought.updates().get(0));
    }

    @Test
    void itemsOutsideTheTimeWindowDoNotPair() {
        VisitorHistory.Observed observed = views("a").observe("b", EventKind.VIEW, 1000 + 60_001, SETTINGS);
        assertEquals(List.of(new ItemUpdate("b", 1.0, Map.of())), observed.updates());
    }

    @Test
    void historyStaysBounded() {
        VisitorHistory history = views("a", "b", "c", "d", "e", "f");
        assertEquals(List.of("f", "e", "d", "c"), history.recentItemIds());
        for (String item : List.of("x", "y", "z")) {
            history = history.observe(item, EventKind.PURCHASE, 10_000, SETTINGS).history();
        }
        assertEquals(List.of("z", "y"), history.purchased());
    }

    @Test
    void removingFromCartChangesNoCounts() {
        VisitorHistory.Observed observed = views("a").observe("a", EventKind.REMOVE_FROM_CART, 2000, SETTINGS);
        assertTrue(observed.updates().isEmpty());
        assertEquals(Set.of("a"), observed.history().seenAndBought());
    }

    @Test
    void eachRecentItemIsFollowedByTheNewOneWeightedByDistance() {
        // window 2: d follows c (distance 1) and b (distance 2), not a
        VisitorHistory.Observed observed = views("a", "b", "c").observe("d", EventKind.VIEW, 4000, SETTINGS);
        assertEquals(List.of(
                new ItemUpdate("c", 1.0, Map.of("d", 1.0)),
                new ItemUpdate("b", 0.5, Map.of("d", 0.5))), observed.follows());
    }

    @Test
    void aFollowWeighsAsItsWeakerActionOverTheDistance() {
        VisitorHistory history = VisitorHistory.EMPTY.observe("a", EventKind.PURCHASE, 0, SETTINGS).history()
                .observe("b", EventKind.ADD_TO_CART, 1000, SETTINGS).history();
        VisitorHistory.Observed observed = history.observe("c", EventKind.PURCHASE, 2000, SETTINGS);
        // b (cart, 3) just before: min(5, 3) / 1; a (purchase, 5) two before: min(5, 5) / 2
        assertEquals(List.of(new ItemUpdate("b", 3.0, Map.of("c", 3.0)), new ItemUpdate("a", 2.5, Map.of("c", 2.5))),
                observed.follows());
    }
}
