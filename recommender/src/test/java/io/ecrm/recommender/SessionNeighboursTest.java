package io.ecrm.recommender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SessionNeighboursTest {
    private static final double HALVING = 1 / Math.log(2); // a decay of 1 / ln 2 halves the weight per click
    private static final long DAY = 86_400_000L;

    /** Halving decays, no match or age weight, the given sample and neighbours. */
    private static SessionKnnSettings settings(int sample, int neighbours) {
        return new SessionKnnSettings(sample, 10, neighbours, 100, HALVING, HALVING, 0, 0, 100, 100, 100, 0);
    }

    /** Sessions s0, s1, ... of the given items, one second apart, in that order. */
    private static InMemorySessionIndex index(String[]... sessions) {
        InMemorySessionIndex index = new InMemorySessionIndex(100, 100, 100);
        long t = 0;
        for (int s = 0; s < sessions.length; s++) {
            for (String item : sessions[s]) {
                index.observe("s" + s, item, t += 1000);
            }
        }
        return index;
    }

    private record Vote(double score, String because, double similarity) {
    }

    private static Map<String, Vote> votes(SessionKnnSettings settings, List<String> session, String current,
                                           SessionIndex index) {
        Map<String, Vote> votes = new HashMap<>();
        new SessionNeighbours(settings).vote(session, current, index,
                (item, score, because, similarity) -> votes.put(item, new Vote(score, because, similarity)));
        return votes;
    }

    @Test
    void theNearestSessionsVoteWithTheirSimilarityAndTheDistanceFromTheSharedItem() {
        // current [a, b]: weights b 1, a 1/2
        // s0 [x, a, y] shares a: 0.5; s1 [b, z] shares b: 1.0; s2 [a, b, w] shares both: 1.5
        // two neighbours: s2 and s1. s2's last shared item is b (position 1): a and w are one click
        // away (1.5 / 2), b none (1.5); s1's is b (position 0): b 1.0, z 0.5
        InMemorySessionIndex index = index(new String[] {"x", "a", "y"}, new String[] {"b", "z"},
                new String[] {"a", "b", "w"});
        Map<String, Vote> votes = votes(settings(1000, 2), List.of("a", "b"), null, index);
        assertEquals(Map.of("a", 0.75, "b", 2.5, "w", 0.75, "z", 0.5),
                Map.of("a", votes.get("a").score(), "b", votes.get("b").score(), "w", votes.get("w").score(),
                        "z", votes.get("z").score()));
        assertFalse(votes.containsKey("x"), "s0 is not among the two nearest");
        assertEquals(new Vote(2.5, "b", 1.5), votes.get("b"), "b's strongest vote came from s2 through b");
        assertEquals(new Vote(0.5, "b", 1.0), votes.get("z"));
    }

    @Test
    void aRepeatedItemCountsOnceAtItsNearestClick() {
        // current [a]; s0 [a, q, q, q]: q votes once, from distance 1 (1/2), not 1/2 + 1/4 + 1/8
        InMemorySessionIndex index = index(new String[] {"a", "q", "q", "q"});
        assertEquals(0.5, votes(settings(1000, 10), List.of("a"), null, index).get("q").score(), 1e-12);
    }

    @Test
    void aNeighbourMatchedOnlyByAnOlderItemVotesLessWithTheMatchDecay() {
        // current [a, b]; s0 [a, y] shares a only, which is one click before the last: similarity 1/2,
        // match weight 1/2, so y (one click after a) gets 0.5 * 0.5 * 0.5
        InMemorySessionIndex index = index(new String[] {"a", "y"});
        SessionKnnSettings withMatch = settings(1000, 10).withDecays(HALVING, HALVING, HALVING, 0);
        assertEquals(0.125, votes(withMatch, List.of("a", "b"), null, index).get("y").score(), 1e-12);
        assertEquals(0.25, votes(settings(1000, 10), List.of("a", "b"), null, index).get("y").score(), 1e-12);
    }

    @Test
    void anOlderNeighbourVotesLessWithTheAgeDecay() {
        // s0 clicked a a day before s1 did: with a one-day half-life, s0 votes half as much
        InMemorySessionIndex index = new InMemorySessionIndex(100, 100, 100);
        index.observe("s0", "a", 0);
        index.observe("s0", "old", 1);
        index.observe("s1", "a", DAY);
        index.observe("s1", "new", DAY + 1);
        SessionKnnSettings halfPerDay = settings(1000, 10).withDecays(HALVING, HALVING, 0, Math.round(DAY / Math.log(2)));
        Map<String, Vote> votes = votes(halfPerDay, List.of("a"), null, index);
        assertEquals(0.5, votes.get("old").score() / votes.get("new").score(), 1e-6);
    }

    @Test
    void onlyTheMostRecentSampleIsCompared() {
        // s0 shares both items but is older than the sample of one: s1, sharing one, is the only neighbour
        InMemorySessionIndex index = index(new String[] {"a", "b", "old"}, new String[] {"b", "new"});
        Map<String, Vote> votes = votes(settings(1, 10), List.of("a", "b"), null, index);
        assertTrue(votes.containsKey("new"));
        assertFalse(votes.containsKey("old"));
    }

    @Test
    void theCurrentSessionIsNotItsOwnNeighbour() {
        InMemorySessionIndex index = index(new String[] {"a", "other"}, new String[] {"a", "b"});
        Map<String, Vote> votes = votes(settings(1000, 10), List.of("a", "b"), "s1", index);
        assertTrue(votes.containsKey("other"));
        assertFalse(votes.containsKey("b"), "only s1 itself holds b");
    }

    @Test
    void tiesGoToTheMoreRecentSession() {
        // s0 and s1 both share a with the same weight; one neighbour: the more recent s1
        InMemorySessionIndex index = index(new String[] {"a", "old"}, new String[] {"a", "new"});
        Map<String, Vote> votes = votes(settings(1000, 1), List.of("a"), null, index);
        assertTrue(votes.containsKey("new"));
        assertFalse(votes.containsKey("old"));
    }

    @Test
    void anUnknownSessionGetsNoVotes() {
        InMemorySessionIndex index = index(new String[] {"a", "b"});
        assertTrue(votes(settings(1000, 10), List.of("never-seen"), null, index).isEmpty());
        assertTrue(votes(settings(1000, 10), List.of("a"), null, SessionIndex.EMPTY).isEmpty());
    }

    @Test
    void nthLargestSelectsByValue() {
        double[] values = {5, 1, 4, 4, 9, 2};
        assertEquals(9, SessionNeighbours.nthLargest(values, 6, 1, new double[6]));
        assertEquals(4, SessionNeighbours.nthLargest(values, 6, 3, new double[6]));
        assertEquals(1, SessionNeighbours.nthLargest(values, 6, 6, new double[6]));
    }

    @Test
    void nthLargestAgreesWithSortingOnManyValuesWithTies() {
        java.util.Random random = new java.util.Random(3);
        for (int round = 0; round < 50; round++) {
            int n = 1 + random.nextInt(2_000);
            double[] values = new double[n];
            for (int i = 0; i < n; i++) {
                values[i] = random.nextInt(4) == 0 ? 0.5 : random.nextDouble(); // a quarter tie at 0.5
            }
            int k = 1 + random.nextInt(Math.min(n, 150));
            double[] sorted = values.clone();
            java.util.Arrays.sort(sorted);
            assertEquals(sorted[n - k], SessionNeighbours.nthLargest(values, n, k, new double[n]), "n " + n + ", k " + k);
        }
    }
}
