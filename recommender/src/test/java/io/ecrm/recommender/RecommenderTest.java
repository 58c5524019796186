package io.ecrm.recommender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RecommenderTest {
    private final Recommender recommender = new Recommender(RecommenderSettings.DEFAULTS);
    private final Map<String, ItemNeighbours> neighbours = Map.of(
            "a", new ItemNeighbours(List.of(new ScoredItem("x", 0.9), new ScoredItem("y", 0.5))),
            "b", new ItemNeighbours(List.of(new ScoredItem("y", 0.8), new ScoredItem("z", 0.7))));
    private final List<ScoredItem> popular = List.of(new ScoredItem("p1", 100), new ScoredItem("x", 90),
            new ScoredItem("p2", 50));

    private List<ScoredItem> recommend(List<String> recent, Set<String> excluded, int count) {
        return recommender.recommend(new RecommendationQuery(recent, excluded, count),
                item -> neighbours.getOrDefault(item, ItemNeighbours.NONE), popular);
    }

    @Test
    void blendsNeighboursWeightingTheNewestItemMost() {
        // newest "a": x = 0.9, y = 0.5 + 0.8/2 = 0.9, z = 0.7/2 = 0.35
        List<ScoredItem> answer = recommend(List.of("a", "b"), Set.of(), 3);
        assertEquals(List.of("x", "y", "z"), answer.stream().map(ScoredItem::itemId).toList());
        assertEquals(0.9, answer.get(1).score(), 1e-12);
        assertEquals("a", answer.get(0).because());
        assertEquals("b", answer.get(2).because());
    }

    @Test
    void dropsExcludedItems() {
        List<ScoredItem> answer = recommend(List.of("a", "b"), Set.of("x"), 2);
        assertEquals(List.of("y", "z"), answer.stream().map(ScoredItem::itemId).toList());
    }

    @Test
    void backfillsWithPopularItemsBelowEveryNeighbourAndWithoutRepeats() {
        List<ScoredItem> answer = recommend(List.of("a"), Set.of("p1"), 4);
        assertEquals(List.of("x", "y", "p2"), answer.stream().map(ScoredItem::itemId).toList());
        assertTrue(answer.get(2).score() < answer.get(1).score());
    }

    @Test
    void aNewVisitorGetsPopularItems() {
        List<ScoredItem> answer = recommend(List.of(), Set.of(), 2);
        assertEquals(List.of("p1", "x"), answer.stream().map(ScoredItem::itemId).toList());
        assertTrue(answer.get(0).score() > answer.get(1).score());
    }

    @Test
    void topKBreaksTiesByItemId() {
        TopK top = new TopK(2);
        for (String id : List.of("c", "a", "b")) {
            top.offer(new ScoredItem(id, 1.0));
        }
        assertEquals(List.of("a", "b"), top.best().stream().map(ScoredItem::itemId).toList());
    }
}
