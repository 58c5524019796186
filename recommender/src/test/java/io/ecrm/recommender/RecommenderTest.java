package io.ecrm.recommender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RecommenderTest {
    private static final double HALVING = 1 / Math.log(2);
    /** Weights: session neighbours 1, repeat 0.5 (halving per click), follows 0.5, similar items 1, history 0.5. */
    private static final RankingSettings RANKING = new RankingSettings(1.0, 0.5, HALVING, 0.5, 1.0, 0.0, 0.5, 0, 86_400_000L, ImpressionSettings.DEFAULTS);
    private static final RecommenderSettings SETTINGS = RecommenderSettings.DEFAULTS.withRanking(RANKING);

    private static final Map<String, ItemNeighbours> SIMILAR = Map.of(
            "a", new ItemNeighbours(List.of(new ScoredItem("x", 0.9), new ScoredItem("y", 0.5))),
            "b", new ItemNeighbours(List.of(new ScoredItem("y", 0.8), new ScoredItem("z", 0.7))));
    private static final Map<String, ItemNeighbours> FOLLOWS = Map.of(
            "a", new ItemNeighbours(List.of(new ScoredItem("f", 0.6))));
    private static final PopularItems POPULARITY = PopularItems.of(
            List.of(new ScoredItem("p1", 100), new ScoredItem("x", 90), new ScoredItem("p2", 50)),
            List.of(new ScoredItem("t1", 10), new ScoredItem("p2", 5)));
    private static final Map<String, ItemAttributes> CATALOGUE = Map.of(
            "x", new ItemAttributes("shoes", true),
            "y", new ItemAttributes("shoes", true),
            "z", new ItemAttributes("hats", true),
            "f", new ItemAttributes("hats", true));
    private static final Map<String, ItemAttributes> Z_SOLD_OUT = Map.of(
            "x", new ItemAttributes("shoes", true),
            "y", new ItemAttributes("shoes", true),
            "z", new ItemAttributes("hats", false),
            "f", new ItemAttributes("hats", true));

    private static RecommenderSources sources(SessionIndex sessions, Map<String, ItemAttributes> catalogue) {
        return new RecommenderSources(id -> SIMILAR.getOrDefault(id, ItemNeighbours.NONE),
                id -> FOLLOWS.getOrDefault(id, ItemNeighbours.NONE), sessions, POPULARITY,
                id -> catalogue.getOrDefault(id, ItemAttributes.UNKNOWN));
    }

    private static RecommenderSources sources(SessionIndex sessions) {
        return sources(sessions, CATALOGUE);
    }

    private static List<Recommendation> recommend(RecommendationQuery query) {
        return new Recommender(SETTINGS).recommend(query, sources(SessionIndex.EMPTY));
    }

    private static List<Recommendation> recommendZSoldOut(RecommendationQuery query) {
        return new Recommender(SETTINGS).recommend(query, sources(SessionIndex.EMPTY, Z_SOLD_OUT));
    }

    private static List<String> ids(List<Recommendation> answer) {
        return answer.stream().map(Recommendation::itemId).toList();
    }

    @Test
    void blendsEachSourceNormalisedByItsBest() {
        // session [b, a]: a newest (anchor weight 1), b before it (1/2)
        // similar: x 0.9, y 0.5 + 0.8 / 2 = 0.9, z 0.7 / 2 = 0.35; best 0.9, weight 1 -> x 1, y 1, z 0.389
        // follows: f 0.6; best 0.6, weight 0.5 -> f 0.5
        // repeat: a 1, b 1/2; best 1, weight 0.5 -> a 0.5, b 0.25
        List<Recommendation> answer = recommend(RecommendationQuery.builder().session(List.of("b", "a")).count(6).build());
        assertEquals(List.of("x", "y", "a", "f", "z", "b"), ids(answer));
        assertEquals(1.0, answer.get(1).score(), 1e-12);
        assertEquals(0.35 / 0.9, answer.get(4).score(), 1e-12);
        assertEquals(0.25, answer.get(5).score(), 1e-12);
    }

    @Test
    void anIgnoredItemIsDemotedByItsFactorAndAHiddenOneComesBackOnlyToFillAnEmptyAnswer() {
        // as in blendsEachSourceNormalisedByItsBest: x 1, y 1, a 0.5, f 0.5, z 0.389, b 0.25
        // penalty 0.3, hidden at the second showing: x shown once (0.3), y twice (hidden)
        ImpressionSettings strict = new ImpressionSettings(0.3, 86_400_000L, 2, 7 * 86_400_000L);
        IgnoredItems ignored = strict.judge(ShownItems.NONE.shown(List.of("x", "y"), 1_000).shown(List.of("y"), 1_000), 1_000);
        List<Recommendation> answer = recommend(RecommendationQuery.builder().session(List.of("b", "a")).count(4)
                .includeSeen(true).ignored(ignored).build());
        assertEquals(List.of("a", "f", "z", "x"), ids(answer), "x at 0.3 falls behind z, y is not shown");
        assertEquals(0.3, answer.get(3).score(), 1e-12);
        // every candidate hidden or bought: the hidden ones come back rather than an empty answer
        List<String> everything = List.of("x", "y", "z", "f", "p1", "p2", "t1");
        IgnoredItems all = strict.judge(ShownItems.NONE.shown(everything, 1_000).shown(everything, 1_000), 1_000);
        List<Recommendation> relaxed = recommend(RecommendationQuery.builder().session(List.of("b", "a"))
                .bought(Set.of("a", "b")).count(2).ignored(all).build());
        assertEquals(List.of("x", "y"), ids(relaxed));
    }

    @Test
    void explainsEachScoreBySourceRecentItemAndSimilarity() {
        List<Recommendation> answer = recommend(RecommendationQuery.builder().session(List.of("b", "a")).count(6)
                .explain(true).build());
        Recommendation y = answer.get(1);
        // y's strongest similar-items contribution came from a (0.5 * 1) rather than b (0.8 * 1/2)
        assertContribution(Source.SIMILAR_ITEMS, "a", 0.5, 1.0, y.explanation());
        assertEquals("a", y.because());
        assertContribution(Source.FOLLOWS, "a", 0.6, 0.5, answer.get(3).explanation());
        Recommendation b = answer.get(5);
        assertEquals(Source.SESSION_REPEAT, b.explanation().get(0).source());
        assertEquals("b", b.because());
        assertTrue(recommend(RecommendationQuery.builder().session(List.of("a")).build()).get(0).explanation().isEmpty(),
                "no explanation unless asked");
    }

    private static void assertContribution(Source source, String because, double similarity, double score,
                                           List<Contribution> explanation) {
        assertEquals(1, explanation.size(), explanation::toString);
        Contribution only = explanation.get(0);
        assertEquals(source, only.source());
        assertEquals(because, only.because());
        assertEquals(similarity, only.similarity(), 1e-12);
        assertEquals(score, only.score(), 1e-12);
    }

    @Test
    void sessionNeighboursVoteThroughTheIndexAndSayWhichItemTheyShare() {
        InMemorySessionIndex index = new InMemorySessionIndex(10, 10, 10);
        index.observe("past", "a", 1);
        index.observe("past", "n", 2);
        RecommenderSettings knnOnly = SETTINGS.withRanking(RANKING.withWeights(1, 0, 0, 0, 0));
        List<Recommendation> answer = new Recommender(knnOnly).recommend(
                RecommendationQuery.builder().session(List.of("a")).count(2).explain(true).build(), sources(index));
        assertEquals(List.of("a", "n"), ids(answer));
        Contribution n = answer.get(1).explanation().get(0);
        assertEquals(Source.SESSION_NEIGHBOURS, n.source());
        assertEquals("a", n.because());
        assertEquals(1.0, n.similarity(), 1e-6, "the neighbour shares the session's only item, a moment ago");
    }

    @Test
    void neverRecommendsBoughtExcludedUnavailableOrOnScreenItems() {
        RecommendationQuery query = RecommendationQuery.builder().session(List.of("b")).onScreen("a")
                .bought(Set.of("x")).excluded(Set.of("f")).count(3).build();
        // on screen a is the latest click: its similar items and follows count; a itself is never shown;
        // z is sold out; x bought; f excluded
        List<String> answer = ids(recommendZSoldOut(query));
        assertEquals(List.of("y", "b", "t1"), answer);
    }

    @Test
    void keepsToTheAskedCategory() {
        RecommendationQuery query = RecommendationQuery.builder().session(List.of("b", "a")).category("hats").count(2)
                .build();
        // hats: z (sold out) and f; nothing else in the catalogue is a hat, so the answer is f alone
        assertEquals(List.of("f"), ids(recommendZSoldOut(query)));
    }

    @Test
    void capsTheItemsOfOneCategory() {
        RecommenderSettings capped = SETTINGS.withRanking(RANKING.withMaxPerCategory(1));
        List<Recommendation> answer = new Recommender(capped).recommend(
                RecommendationQuery.builder().session(List.of("b", "a")).count(4).build(), sources(SessionIndex.EMPTY));
        // x and y are both shoes: y waits; f and z are hats: z waits; a and b have no category
        assertEquals(List.of("x", "a", "f", "b"), ids(answer));
        List<Recommendation> longer = new Recommender(capped).recommend(
                RecommendationQuery.builder().session(List.of("b", "a")).count(9).build(), sources(SessionIndex.EMPTY));
        // then the fill (t1, p2, p1; x is in), and only then the items the cap held back, scored below the fill
        assertEquals(List.of("x", "a", "f", "b", "t1", "p2", "p1", "y", "z"), ids(longer));
        for (int i = 1; i < longer.size(); i++) {
            assertTrue(longer.get(i).score() <= longer.get(i - 1).score(), "scores never rise: " + longer);
        }
        assertTrue(longer.get(7).score() < longer.get(6).score());
    }

    @Test
    void leavesOutSeenItemsWhenAsked() {
        RecommendationQuery query = RecommendationQuery.builder().session(List.of("b", "a")).includeSeen(false).count(4)
                .build();
        assertEquals(List.of("x", "y", "f", "z"), ids(recommend(query)));
    }

    @Test
    void fillsWithTrendingThenPopularItemsScoredBelowTheRest() {
        List<Recommendation> answer = recommend(RecommendationQuery.builder().count(4).build());
        assertEquals(List.of("t1", "p2", "p1", "x"), ids(answer));
        for (int i = 1; i < answer.size(); i++) {
            assertTrue(answer.get(i).score() < answer.get(i - 1).score(), "scores fall: " + answer);
        }
        assertNull(answer.get(0).because());
        List<Recommendation> explained = recommend(RecommendationQuery.builder().count(3).explain(true).build());
        assertEquals(Source.POPULAR, explained.get(2).explanation().get(0).source());
    }

    @Test
    void aKnownTenantNeverAnswersEmptyEvenWhenTheVisitorHasSeenEverything() {
        RecommenderSources onlyPopular = new RecommenderSources(NeighbourLists.NONE, NeighbourLists.NONE,
                SessionIndex.EMPTY, PopularItems.of(List.of(new ScoredItem("a", 2), new ScoredItem("b", 1)), List.of()),
                Catalogue.NONE);
        RecommendationQuery query = RecommendationQuery.builder().session(List.of("a", "b")).includeSeen(false).count(2)
                .build();
        assertEquals(List.of("b", "a"), ids(new Recommender(SETTINGS).recommend(query, onlyPopular)),
                "the seen rule gives way before the answer would be empty");
    }

    @Test
    void seenItemsNeverLengthenAShortAnswer() {
        RecommenderSources popular = new RecommenderSources(NeighbourLists.NONE, NeighbourLists.NONE, SessionIndex.EMPTY,
                PopularItems.of(List.of(new ScoredItem("a", 3), new ScoredItem("b", 2), new ScoredItem("c", 1)), List.of()),
                Catalogue.NONE);
        RecommendationQuery query = RecommendationQuery.builder().session(List.of("a", "b")).includeSeen(false).count(3)
                .build();
        assertEquals(List.of("c"), ids(new Recommender(SETTINGS).recommend(query, popular)));
    }

    @Test
    void theHistoryOnlyEntryPointBlendsSimilarItemsThenPopularOnes() {
        Recommender recommender = new Recommender(RecommenderSettings.DEFAULTS);
        List<ScoredItem> answer = recommender.recommend(new RecommendationQuery(List.of("a", "b"), Set.of("y"), 4),
                id -> SIMILAR.getOrDefault(id, ItemNeighbours.NONE), POPULARITY.popular());
        // newest a: x 0.9; b: z 0.7 / 2; y excluded; then popular p1 (x is already in)
        assertEquals(List.of("x", "z", "p1", "p2"), answer.stream().map(ScoredItem::itemId).toList());
        assertEquals("a", answer.get(0).because());
        assertEquals("b", answer.get(1).because());
        assertNull(answer.get(2).because());
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
