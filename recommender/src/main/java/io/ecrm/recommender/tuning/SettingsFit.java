package io.ecrm.recommender.tuning;

import io.ecrm.recommender.RecommenderSettings;
import io.ecrm.recommender.evaluation.Click;
import io.ecrm.recommender.evaluation.EcrmMethod;
import io.ecrm.recommender.evaluation.EvaluationResult;
import io.ecrm.recommender.evaluation.Evaluator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Fits the serving knobs ({@link ServingKnobs}) of one tenant to its own closed visits, pure code
 * with no Kafka: the visits are split ({@link ValidationSplit}), one model is trained on the train
 * side through the functions the streaming path calls ({@link EcrmMethod}), and candidates are
 * scored on validation by HR@20 + MRR@20, each through that one model.
 * <p>
 * The candidates: the current settings, the defaults and each baseline ({@link Baselines}) always;
 * then, from the best of those, a coordinate search: each knob in turn takes the value that most
 * raises the objective (by more than {@link #MIN_GAIN}), the others held, for {@link FitSettings#passes}
 * passes or until a pass changes nothing or the time is up. So the settings chosen are never worse on validation than
 * the current ones, the defaults or any baseline. A fit that is interrupted ends with what it has.
 */
public final class SettingsFit {
    /** Where a fit is: candidates scored of those planned, and the best so far. */
    public record Progress(int evaluations, int planned, String stage, FitScore best) {
    }

    /**
     * A search step is taken only when it raises HR@20 + MRR@20 by more than this: on the few thousand
     * prefixes of a validation day, the standard error of HR@20 alone is about 0.005, so smaller gains
     * are mostly noise, and a search that follows them drifts to settings that do not hold the next day.
     */
    static final double MIN_GAIN = 0.002;

    private final FitSettings settings;

    public SettingsFit(FitSettings settings) {
        this.settings = settings;
    }

    /** Splits the visits by {@link ValidationSplit}; a caller checks {@link ValidationSplit#enough} before fitting. */
    public ValidationSplit split(List<Click> clicks) {
        return ValidationSplit.of(clicks, settings);
    }

    /**
     * Fits {@code current}'s serving knobs on the split; the defaults and baselines are taken with
     * {@code current}'s learned knobs.
     */
    public FitResult fit(ValidationSplit split, RecommenderSettings current, Consumer<Progress> progress) {
        long started = System.currentTimeMillis();
        Map<String, RecommenderSettings> fixed = new LinkedHashMap<>();
        fixed.put(FitResult.CURRENT, current);
        fixed.put(FitResult.DEFAULTS, ServingKnobs.apply(current, RecommenderSettings.DEFAULTS));
        fixed.putAll(Baselines.all(current));
        int planned = fixed.size() + settings.passes() * ServingKnobs.ALL.stream().mapToInt(k -> k.values().size() - 1).sum();

        EcrmMethod trained = new EcrmMethod(current);
        trained.train(split.data().train());
        Scorer scorer = new Scorer(new Evaluator(split.data(), false), trained);

        Map<String, FitScore> candidates = new LinkedHashMap<>();
        String start = FitResult.CURRENT;
        RecommenderSettings best = current;
        FitScore bestScore = null;
        for (Map.Entry<String, RecommenderSettings> candidate : fixed.entrySet()) {
            FitScore score = scorer.score(candidate.getValue());
            candidates.put(candidate.getKey(), score);
            if (bestScore == null || score.beats(bestScore)) {
                bestScore = score;
                best = candidate.getValue();
                start = candidate.getKey();
            }
            progress.accept(new Progress(scorer.evaluations, planned, "fixed candidates", bestScore));
        }
        long deadline = started + settings.maxSearchMillis();
        search:
        for (int pass = 1; pass <= settings.passes(); pass++) {
            boolean changed = false;
            for (Knob knob : ServingKnobs.ALL) {
                RecommenderSettings before = best;
                for (double value : knob.values()) {
                    if (value == knob.valueIn(before)) {
                        continue;
                    }
                    if (System.currentTimeMillis() > deadline || Thread.currentThread().isInterrupted()) {
                        break search;
                    }
                    RecommenderSettings candidate = knob.with(before, value);
                    FitScore score = scorer.score(candidate);
                    if (score.objective() > bestScore.objective() + MIN_GAIN) {
                        bestScore = score;
                        best = candidate;
                        changed = true;
                    }
                    progress.accept(new Progress(scorer.evaluations, planned, "pass " + pass + ": " + knob.name(), bestScore));
                }
            }
            if (!changed) {
                break;
            }
        }
        return new FitResult(best, changes(current, best), start, bestScore, candidates,
                split.data().train().size(), split.data().test().size(), split.data().prefixes(), scorer.evaluations,
                System.currentTimeMillis() - started);
    }

    /** The knobs whose values differ, as {@code name=value} pairs. */
    public static String changes(RecommenderSettings from, RecommenderSettings to) {
        List<String> changes = new ArrayList<>();
        for (Knob knob : ServingKnobs.ALL) {
            double a = knob.valueIn(from);
            double b = knob.valueIn(to);
            if (a != b) {
                changes.add(knob.name() + "=" + (b == Math.rint(b) && Math.abs(b) < 1e15 ? String.valueOf((long) b) : String.valueOf(b)));
            }
        }
        return String.join(", ", changes);
    }

    /** Scores serving settings through one trained model, each distinct settings once. */
    private static final class Scorer {
        private final Evaluator evaluator;
        private final EcrmMethod trained;
        private final Map<RecommenderSettings, FitScore> scored = new HashMap<>();
        int evaluations;

        Scorer(Evaluator evaluator, EcrmMethod trained) {
            this.evaluator = evaluator;
            this.trained = trained;
        }

        FitScore score(RecommenderSettings settings) {
            FitScore known = scored.get(settings);
            if (known != null) {
                return known;
            }
            EvaluationResult result = evaluator.evaluate(trained.withServing(settings, "candidate"));
            FitScore score = new FitScore(result.withPrefix().hitRate(20), result.withPrefix().mrr(20));
            scored.put(settings, score);
            evaluations++;
            return score;
        }
    }
}
