package io.ecrm.recommender.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class BaselinesTest {
    private static final List<Session> TRAIN = List.of(
            new Session("1", List.of("a", "b"), 1),
            new Session("2", List.of("a", "c"), 2),
            new Session("3", List.of("a", "b", "d"), 3));

    @Test
    void popRanksByClicks() {
        PopBaseline pop = new PopBaseline();
        pop.train(TRAIN);
        assertEquals(List.of("a", "b", "c"), pop.recommend(List.of("x"), 3));
    }

    @Test
    void sPopPutsTheSessionsFrequentItemsFirst() {
        SPopBaseline sPop = new SPopBaseline();
        sPop.train(TRAIN);
        assertEquals(List.of("d", "c", "a", "b"), sPop.recommend(List.of("c", "d", "d"), 4));
    }

    @Test
    void itemKnnRanksByCosineForTheLastItem() {
        ItemKnnBaseline knn = new ItemKnnBaseline();
        knn.train(TRAIN);
        // b: with a in 2 sessions of (a: 3, b: 2) -> 2/sqrt(6); with d in 1 of (b: 2, d: 1) -> 1/sqrt(2)
        assertEquals(List.of("a", "d"), knn.recommend(List.of("c", "b"), 2));
    }

    @Test
    void vSkNNVotesWithWeightedOverlap() {
        VSkNNBaseline vsknn = new VSkNNBaseline();
        vsknn.train(TRAIN);
        // prefix [c, b]: weights c 1/2, b 1; sims: s1 = 1, s2 = 0.5, s3 = 1
        // votes: a 2.5, b 2, c 0.5, d 1
        assertEquals(List.of("a", "b", "d", "c"), vsknn.recommend(List.of("c", "b"), 4));
    }
}
