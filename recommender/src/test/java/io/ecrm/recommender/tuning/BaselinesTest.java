package io.ecrm.recommender.tuning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ecrm.recommender.RecommenderSettings;
import io.ecrm.recommender.Similarity;
import io.ecrm.recommender.evaluation.EcrmMethod;
import io.ecrm.recommender.evaluation.EvaluationData;
import io.ecrm.recommender.evaluation.EvaluationResult;
import io.ecrm.recommender.evaluation.Evaluator;
import io.ecrm.recommender.evaluation.ItemKnnBaseline;
import io.ecrm.recommender.evaluation.PopBaseline;
import io.ecrm.recommender.evaluation.SPopBaseline;
import io.ecrm.recommender.evaluation.SessionRecommender;
import io.ecrm.recommender.evaluation.VSkNNBaseline;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each baseline's settings, served by the one ranker, score what the baseline's own code scores on yoochoose-100k. */
class BaselinesTest {
    private static final double TOLERANCE = 0.005;
    private static Evaluator evaluator;

    @BeforeAll
    static void read() throws Exception {
        if (SharedData.has("yoochoose-100k/test.tsv.gz")) {
            evaluator = new Evaluator(EvaluationData.prepare(SharedData.clicks("yoochoose-100k/train.tsv.gz"),
                    SharedData.clicks("yoochoose-100k/test.tsv.gz"), true), false);
        }
    }

    private static void reproduces(SessionRecommender baseline, RecommenderSettings settings) {
        reproduces(baseline, settings, TOLERANCE);
    }

    private static void reproduces(SessionRecommender baseline, RecommenderSettings settings, double mrrTolerance) {
        assumeTrue(evaluator != null, "../shared/data is absent");
        baseline.train(evaluator.data().train());
        EcrmMethod ranker = new EcrmMethod(settings, "ranker as " + baseline.name());
        ranker.train(evaluator.data().train());
        EvaluationResult expected = evaluator.evaluate(baseline);
        EvaluationResult actual = evaluator.evaluate(ranker);
        System.out.printf("%-9s baseline %.4f / %.4f, ranker %.4f / %.4f%n", baseline.name(),
                expected.withPrefix().hitRate(20), expected.withPrefix().mrr(20), actual.withPrefix().hitRate(20),
                actual.withPrefix().mrr(20));
        assertEquals(expected.withPrefix().hitRate(20), actual.withPrefix().hitRate(20), TOLERANCE, "HR@20");
        assertEquals(expected.withPrefix().mrr(20), actual.withPrefix().mrr(20), mrrTolerance, "MRR@20");
    }

    @Test
    void sPop() {
        reproduces(new SPopBaseline(), Baselines.sPop(RecommenderSettings.DEFAULTS));
    }

    @Test
    void vSkNN() {
        reproduces(new VSkNNBaseline(), Baselines.vSkNN(RecommenderSettings.DEFAULTS));
    }

    /**
     * Item-KNN's counts are the engine's under cosine, with each item and pair counted once per visit
     * (no repeat clicks) and every item of the visit in the window.
     */
    @Test
    void itemKnnUnderCosineCountingEachVisitOnce() {
        RecommenderSettings d = RecommenderSettings.DEFAULTS;
        RecommenderSettings learned = d.withSimilarity(Similarity.COSINE)
                .withCooccurrence(d.recentItemsPerVisitor(), Long.MAX_VALUE, false);
        reproduces(new ItemKnnBaseline(), Baselines.itemKnn(learned));
    }

    @Test
    void pop() {
        reproduces(new PopBaseline(), Baselines.pop(RecommenderSettings.DEFAULTS));
    }
}
