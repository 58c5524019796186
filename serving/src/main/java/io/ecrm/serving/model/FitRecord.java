package io.ecrm.serving.model;

import io.ecrm.recommender.tuning.FitResult;
import io.ecrm.recommender.tuning.FitScore;
import io.ecrm.recommender.tuning.ServingKnobs;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One fit of a tenant's serving settings, as the model topic keeps it and {@code GET /v1/model} shows it.
 *
 * @param id               the fit (its job's id)
 * @param trigger          what started it: {@code first-start}, {@code schedule} or {@code request}
 * @param startedAt        when it started (ISO-8601)
 * @param finishedAt       when it ended
 * @param visits           closed visits of two or more clicks it read
 * @param trainVisits      visits the candidates were trained on, after cleaning
 * @param validationVisits visits scored, after cleaning and thinning
 * @param prefixes         validation prefixes scored per candidate
 * @param evaluations      candidates scored
 * @param applied          whether its settings replaced the ones in use (only when they beat them on validation)
 * @param changes          how its settings differ from the ones in use when it started, knob by knob
 * @param chosen           validation HR@20 / MRR@20 of the settings it chose (the ones in use when nothing beat them)
 * @param candidates       validation figures of the fixed candidates: {@code current} (the settings in use when
 *                         it started), {@code defaults} and each baseline
 * @param settings         the serving knobs it chose, by name, applied or not: what an experiment can try live
 *                         (null in fits stored by earlier versions)
 */
public record FitRecord(String id, String trigger, String startedAt, String finishedAt, int visits, int trainVisits,
                        int validationVisits, long prefixes, int evaluations, boolean applied, String changes,
                        Score chosen, Map<String, Score> candidates, Map<String, Double> settings) {

    /** HR@20 and MRR@20 on validation. */
    public record Score(double hr20, double mrr20) {
        static Score of(FitScore score) {
            return new Score(score.hitRate(), score.mrr());
        }
    }

    public FitRecord {
        candidates = candidates == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(candidates));
        settings = settings == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    static FitRecord of(String id, String trigger, long startedMillis, long finishedMillis, int visits, FitResult result,
                        boolean applied) {
        Map<String, Score> candidates = new LinkedHashMap<>();
        for (String name : FitResult.candidateNames()) {
            FitScore score = result.candidates().get(name);
            if (score != null) {
                candidates.put(name, Score.of(score));
            }
        }
        return new FitRecord(id, trigger, Instant.ofEpochMilli(startedMillis).toString(),
                Instant.ofEpochMilli(finishedMillis).toString(), visits, result.trainVisits(), result.validationVisits(),
                result.prefixes(), result.evaluations(), applied, result.changes(), Score.of(result.chosen()), candidates,
                ServingKnobs.values(result.settings()));
    }

    /** Validation figures of the settings in use once this fit ended: its choice if applied, else the ones it started from. */
    public Score inUse() {
        return applied ? chosen : candidates.getOrDefault(FitResult.CURRENT, chosen);
    }

    public long finishedMillis() {
        return Instant.parse(finishedAt).toEpochMilli();
    }
}
