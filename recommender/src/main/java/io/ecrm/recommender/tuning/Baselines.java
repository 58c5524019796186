package io.ecrm.recommender.tuning;

import io.ecrm.recommender.RankingSettings;
import io.ecrm.recommender.RecommenderSettings;
import io.ecrm.recommender.SessionKnnSettings;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The published baselines of {@code EVALUATION.md}, each as serving knobs of the one ranker, on top
 * of an engine's settings (whose learned part they keep): a fit always scores them, so it can never
 * choose settings worse on validation than the best of them.
 */
public final class Baselines {
    /**
     * Weight of the popularity source under S-POP: next to nothing, so that it only orders the
     * session's items of equal count and fills the list after them (a session item counted once in
     * a visit of at most 100 clicks scores at least 0.01).
     */
    static final double TIE_BREAK = 0.001;

    private Baselines() {
    }

    /** Every baseline by name, in the order printed. */
    public static Map<String, RecommenderSettings> all(RecommenderSettings base) {
        Map<String, RecommenderSettings> all = new LinkedHashMap<>();
        all.put("s-pop", sPop(base));
        all.put("v-sknn", vSkNN(base));
        all.put("item-knn", itemKnn(base));
        all.put("pop", pop(base));
        return all;
    }

    /** S-POP: the visit's items by how often it clicked them (no recency), ties by popularity, then POP. */
    public static RecommenderSettings sPop(RecommenderSettings base) {
        return base.withRanking(base.ranking().withWeights(0, 1, 0, 0, TIE_BREAK).withRepeatDecay(0));
    }

    /**
     * V-SKNN: session-kNN alone, with linear position weights, the 1,000 most recent sessions sharing
     * any item of the visit, 100 neighbours voting with their similarity, no other decay.
     */
    public static RecommenderSettings vSkNN(RecommenderSettings base) {
        SessionKnnSettings knn = base.sessionKnn();
        return base.withRanking(base.ranking().withWeights(1, 0, 0, 0, 0))
                .withSessionKnn(knn.withQuery(1_000, knn.maxClicksPerSession(), 100, knn.maxVotes()).withDecays(0, 0, 0, 0));
    }

    /**
     * Item-KNN: the similar-items list of the visit's last item alone, under the engine's counts and
     * similarity measure; exactly Item-KNN when those are learned as it learns them (cosine, each item
     * and pair once per visit: {@code RecommenderSettings.countRepeatClicks} false).
     */
    public static RecommenderSettings itemKnn(RecommenderSettings base) {
        RankingSettings ranking = base.ranking().withWeights(0, 0, 0, 1, 0);
        return base.withRanking(ranking).withQueryItems(1);
    }

    /** POP: the most popular items. */
    public static RecommenderSettings pop(RecommenderSettings base) {
        return base.withRanking(base.ranking().withWeights(0, 0, 0, 0, 1));
    }
}
