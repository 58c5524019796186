package io.ecrm.recommender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SessionKnnTest {
    private static SessionIndex index(int maxSessions, int perItem, String[]... sessions) {
        SessionIndex index = new SessionIndex(maxSessions, perItem);
        int n = 0;
        for (String[] items : sessions) {
            String id = "s" + n++;
            for (String item : items) {
                index.observe(id, item);
            }
        }
        return index;
    }

    @Test
    void theIndexKeepsTheMostRecentSessionsPerItemAndOverall() {
        SessionIndex index = index(2, 1, new String[] {"a", "b"}, new String[] {"a", "c"}, new String[] {"d"});
        assertEquals(List.of("s1"), iterate(index.sessionsWith("a")), "one session per item: the most recent");
        assertEquals(null, index.session("s0"), "only two sessions are kept");
        assertEquals(List.of(), iterate(index.sessionsWith("b")), "an evicted session leaves the item lists");
        assertEquals(List.of("a", "c"), index.session("s1").items());
    }

    private static List<String> iterate(Iterable<String> ids) {
        List<String> list = new java.util.ArrayList<>();
        ids.forEach(list::add);
        return list;
    }

    @Test
    void neighboursVoteWithTheirSimilarityAndDistanceFromTheSharedItem() {
        // current session [a, b]: weights a = 1/2, b = 1
        // s0 = [x, a, y]: similarity 0.5, shared item a at 1 -> votes x 0.5*0.5/2, a 0.5, y 0.5/2
        // s1 = [b, z]:    similarity 1.0, shared item b at 0 -> votes b 1.0, z 0.5
        SessionIndex index = index(10, 10, new String[] {"x", "a", "y"}, new String[] {"b", "z"});
        SessionKnnSettings settings = new SessionKnnSettings(1000, 100, 0.5, 1.0, 0.0, 10, 10);
        Map<String, Double> votes = new SessionNeighbours(settings).score(List.of("a", "b"), index, null);
        assertEquals(0.125, votes.get("x"), 1e-12);
        assertEquals(0.5, votes.get("a"), 1e-12);
        assertEquals(0.25, votes.get("y"), 1e-12);
        assertEquals(1.0, votes.get("b"), 1e-12);
        assertEquals(0.5, votes.get("z"), 1e-12);
    }

    @Test
    void theCurrentSessionDoesNotVoteForItselfAndOnlyTheNearestVote() {
        SessionIndex index = index(10, 10, new String[] {"a", "far"}, new String[] {"a", "b", "near"}, new String[] {"a", "b"});
        SessionKnnSettings oneNeighbour = new SessionKnnSettings(1000, 1, 0.5, 1.0, 0.0, 10, 10);
        Map<String, Double> votes = new SessionNeighbours(oneNeighbour).score(List.of("a", "b"), index, "s2");
        assertTrue(votes.containsKey("near"));
        assertFalse(votes.containsKey("far"), "only the most similar session votes");
    }

    @Test
    void theBlendAddsTheSessionsOwnItemsAndFillsFromTheItemList() {
        SessionIndex index = index(10, 10, new String[] {"a", "b"});
        SessionBlend blend = new SessionBlend(new SessionKnnSettings(1000, 100, 0.5, 1.0, 0.0, 10, 10));
        List<ScoredItem> fromItems = List.of(new ScoredItem("p", 0.9, "a"), new ScoredItem("q", 0.8, null));
        List<ScoredItem> answer = blend.rank(List.of("a"), index, null, fromItems, Set.of("q"), 3);
        // votes: a 1.0 (repeat of the shared item), b 0.5 -> normalised a 1, b 0.5; repeat adds a 1
        assertEquals(List.of("a", "b", "p"), answer.stream().map(ScoredItem::itemId).toList());
        assertEquals(2.0, answer.get(0).score(), 1e-12);
        assertTrue(answer.get(2).score() < answer.get(1).score(), "the fill ranks below the blend");
        assertEquals("a", answer.get(2).because());
    }
}
