package io.ecrm.recommender.tuning;

import io.ecrm.recommender.RecommenderSettings;
import java.util.List;
import java.util.Map;

/**
 * What a fit found.
 *
 * @param settings      the settings chosen (the current ones when nothing beat them)
 * @param changes       how the chosen settings differ from the current ones, knob by knob ("" when they do not)
 * @param start         the fixed candidate the search started from (the best of them)
 * @param chosen        the chosen settings' validation figures
 * @param candidates    validation figures of the fixed candidates: {@code current}, {@code defaults} and each baseline
 * @param trainVisits   visits the candidates were trained on, after cleaning
 * @param validationVisits visits scored, after cleaning and thinning
 * @param prefixes      validation prefixes scored per candidate
 * @param evaluations   candidates scored
 * @param millis        how long the fit took
 */
public record FitResult(RecommenderSettings settings, String changes, String start, FitScore chosen,
                        Map<String, FitScore> candidates, int trainVisits, int validationVisits, long prefixes,
                        int evaluations, long millis) {
    public static final String CURRENT = "current";
    public static final String DEFAULTS = "defaults";

    public FitResult {
        candidates = Map.copyOf(candidates);
    }

    /** Whether the chosen settings beat the current ones on validation: only then do they replace them. */
    public boolean improves() {
        return chosen.beats(candidates.get(CURRENT));
    }

    /** The fixed candidates in the order they are printed. */
    public static List<String> candidateNames() {
        return List.of(CURRENT, DEFAULTS, "s-pop", "v-sknn", "item-knn", "pop");
    }
}
