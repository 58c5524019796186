package io.ecrm.recommender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class InMemoryModelTest {
    private static InMemoryModel trained(String[]... sessions) {
        InMemoryModel model = new InMemoryModel(RecommenderSettings.DEFAULTS);
        long t = 1_000_000;
        for (int s = 0; s < sessions.length; s++) {
            for (String item : sessions[s]) {
                model.observe("visitor-" + s, "session-" + s, item, EventKind.VIEW, t += 1000);
            }
        }
        model.refresh();
        return model;
    }

    @Test
    void learnsFollowsAsSharesOfWhatCameNext() {
        // a is followed by b (s0, 1 step: 1), c (s0, 2 steps: 1/2), b (s1: 1): b 2 of 2.5, c 0.5 of 2.5
        // b is followed by c in s0 and s2: all of it
        InMemoryModel model = trained(new String[] {"a", "b", "c"}, new String[] {"a", "b"}, new String[] {"b", "c"});
        assertEquals(List.of(new ScoredItem("b", 0.8), new ScoredItem("c", 0.2)), model.follows("a").neighbours());
        assertEquals(List.of(new ScoredItem("c", 1.0)), model.follows("b").neighbours());
        assertEquals(ItemNeighbours.NONE, model.follows("c"), "nothing followed c");
    }

    @Test
    void keepsPopularAndTrendingItemsAndIndexesEverySession() {
        InMemoryModel model = trained(new String[] {"a", "b", "c"}, new String[] {"a", "b"}, new String[] {"b", "c"});
        assertEquals(List.of("b", "a", "c"), model.popularity().popular().stream().map(ScoredItem::itemId).toList());
        assertEquals(3.0, model.popularity().popular().get(0).score());
        assertEquals("b", model.popularity().trending().get(0).itemId());
        assertEquals(3, model.sessions().sessions());
        assertTrue(model.similar("a").neighbours().stream().anyMatch(s -> s.itemId().equals("b")));
    }

    @Test
    void answersThroughTheRankerFromWhatItLearned() {
        InMemoryModel model = trained(new String[] {"a", "b", "c"}, new String[] {"a", "b"}, new String[] {"b", "c"});
        List<Recommendation> answer = new Recommender(RecommenderSettings.DEFAULTS).recommend(
                RecommendationQuery.builder().session(List.of("a")).includeSeen(false).count(2).build(),
                model.sources(Catalogue.NONE));
        assertEquals(List.of("b", "c"), answer.stream().map(Recommendation::itemId).toList(),
                "b follows a in both sessions that hold a, c in one");
    }
}
