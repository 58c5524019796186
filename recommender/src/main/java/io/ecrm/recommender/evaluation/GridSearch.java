package io.ecrm.recommender.evaluation;

import io.ecrm.recommender.RankingSettings;
import io.ecrm.recommender.RecommenderSettings;
import io.ecrm.recommender.SessionKnnSettings;
import io.ecrm.recommender.Similarity;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * A coordinate search of the recommender's knobs on a validation split carved from train (never
 * on test): from the start settings, each dimension in turn takes the value that most raises
 * HR@20 + MRR@20, the others held. One pass, about 20 evaluations.
 */
public final class GridSearch {
    /** One value of a knob. */
    public record Choice(String label, UnaryOperator<RecommenderSettings> apply) {
    }

    /** A knob and the values tried. */
    public record Dimension(String name, List<Choice> choices) {
    }

    /** One evaluated point: which settings, described by what was changed from the start. */
    public record Point(String label, RecommenderSettings settings, double hitRate, double mrr) {
        double objective() {
            return hitRate + mrr;
        }
    }

    /** The settings chosen and every point tried, in order. */
    public record Result(RecommenderSettings best, String bestLabel, List<Point> tried) {
    }

    private GridSearch() {
    }

    /** The knobs the search tries: session-kNN decays and size, the similarity measure, the source weights. */
    public static List<Dimension> dimensions() {
        return List.of(
                knn("positionDecay", new double[] {0.5, 2.0}, SessionKnnSettings::withPositionDecay),
                knn("neighbourItemDecay", new double[] {1.0, 4.0}, SessionKnnSettings::withNeighbourItemDecay),
                knn("matchDecay", new double[] {0.0, 2.0}, SessionKnnSettings::withMatchDecay),
                new Dimension("neighbours", List.of(
                        new Choice("neighbours=50", s -> s.withSessionKnn(s.sessionKnn().withNeighbours(50))),
                        new Choice("neighbours=200", s -> s.withSessionKnn(s.sessionKnn().withNeighbours(200))))),
                new Dimension("similarity", List.of( // before the weights: with similar items weighing 0 it would not count
                        new Choice("similarity=COSINE", s -> s.withSimilarity(Similarity.COSINE)),
                        new Choice("similarity=JACCARD", s -> s.withSimilarity(Similarity.JACCARD)))),
                weight("repeatWeight", new double[] {0.0, 0.5}, 1),
                weight("followsWeight", new double[] {0.0, 0.25}, 2),
                weight("similarItemsWeight", new double[] {0.0, 0.25}, 3));
    }

    private interface KnnSetter {
        SessionKnnSettings set(SessionKnnSettings settings, double value);
    }

    private static Dimension knn(String name, double[] values, KnnSetter setter) {
        List<Choice> choices = new ArrayList<>();
        for (double v : values) {
            choices.add(new Choice(name + "=" + v, s -> s.withSessionKnn(setter.set(s.sessionKnn(), v))));
        }
        return new Dimension(name, choices);
    }

    /** Source weight {@code index} of (session neighbours, repeat, follows, similar items). */
    private static Dimension weight(String name, double[] values, int index) {
        List<Choice> choices = new ArrayList<>();
        for (double v : values) {
            choices.add(new Choice(name + "=" + v, s -> {
                RankingSettings r = s.ranking();
                double[] w = {r.sessionNeighboursWeight(), r.repeatWeight(), r.followsWeight(), r.similarItemsWeight()};
                w[index] = v;
                return s.withRanking(r.withWeights(w[0], w[1], w[2], w[3]));
            }));
        }
        return new Dimension(name, choices);
    }

    /** Searches from {@code start}, reporting each point as it is evaluated. */
    public static Result search(RecommenderSettings start, List<Dimension> dimensions, EvaluationData validation,
                                Consumer<Point> progress) {
        Evaluator evaluator = new Evaluator(validation, false);
        List<Point> tried = new ArrayList<>();
        Point best = evaluate("start", start, evaluator);
        tried.add(best);
        progress.accept(best);
        String bestLabel = "defaults";
        for (Dimension dimension : dimensions) {
            Point before = best;
            for (Choice choice : dimension.choices()) {
                String label = bestLabel.equals("defaults") ? choice.label() : bestLabel + ", " + choice.label();
                Point point = evaluate(label, choice.apply().apply(before.settings()), evaluator);
                tried.add(point);
                progress.accept(point);
                if (point.objective() > best.objective()) {
                    best = point;
                }
            }
            if (best != before) {
                bestLabel = best.label();
            }
        }
        return new Result(best.settings(), bestLabel, tried);
    }

    private static Point evaluate(String label, RecommenderSettings settings, Evaluator evaluator) {
        EcrmMethod method = new EcrmMethod(settings);
        method.train(evaluator.data().train());
        EvaluationResult result = evaluator.evaluate(method);
        return new Point(label, settings, result.withPrefix().hitRate(20), result.withPrefix().mrr(20));
    }
}
