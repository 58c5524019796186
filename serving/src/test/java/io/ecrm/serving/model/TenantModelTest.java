package io.ecrm.serving.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TenantModelTest {
    private static FitRecord fit(int n, boolean applied) {
        String at = Instant.ofEpochSecond(1_800_000_000L + n).toString();
        FitRecord.Score current = new FitRecord.Score(0.30, 0.10);
        FitRecord.Score chosen = applied ? new FitRecord.Score(0.40, 0.15) : current;
        return new FitRecord("fit-" + n, "schedule", at, at, 1_000, 800, 200, 600, 40, applied, applied ? "queryItems=3" : "",
                chosen, Map.of("current", current), Map.of("queryItems", 3.0));
    }

    @Test
    void onlyAnAppliedFitChangesTheSettingsAndTheLastTwentyFitsAreKept() {
        TenantModel model = TenantModel.NONE.after(fit(0, false), null);
        assertNull(model.settings(), "a fit that beats nothing leaves the configured settings");
        assertNull(model.fitted());
        assertEquals(0.30, model.latest().inUse().hr20());

        model = model.after(fit(1, true), Map.of("queryItems", 3.0));
        assertEquals(Map.of("queryItems", 3.0), model.settings());
        assertEquals("fit-1", model.fitted().id());
        assertEquals(0.40, model.latest().inUse().hr20(), "the figures in use are the applied fit's choice");

        for (int n = 2; n < 30; n++) {
            model = model.after(fit(n, false), null);
        }
        assertEquals(TenantModel.KEPT, model.fits().size());
        assertEquals("fit-29", model.latest().id());
        assertEquals("fit-10", model.fits().get(TenantModel.KEPT - 1).id());
        assertEquals("fit-1", model.fitted().id(), "the fit that chose the settings is kept beyond the last twenty");
        assertEquals(Map.of("queryItems", 3.0), model.settings());
        assertEquals(0.30, model.latest().inUse().hr20(), "a fit that kept them reports the settings it started from");
    }

    @Test
    void aFitSentToAnExperimentStartsItsSettingsAgainstTheCurrentOnesUnlessOneRuns() {
        io.ecrm.recommender.RecommenderSettings current = io.ecrm.recommender.RecommenderSettings.DEFAULTS;
        io.ecrm.recommender.RecommenderSettings fitted = current.withQueryItems(3);
        io.ecrm.recommender.tuning.FitResult result = new io.ecrm.recommender.tuning.FitResult(fitted, "queryItems=3", "",
                new io.ecrm.recommender.tuning.FitScore(0.4, 0.15), Map.of(), 800, 200, 600, 40, 1_000);
        TenantModel model = TenantModel.NONE.after(fit(0, false), null);
        io.ecrm.serving.experiments.Experiment trial = ModelTuning.trial(model, current, result, "f1");
        assertEquals("fit-f1", trial.name());
        assertEquals(1, trial.serial());
        assertEquals(List.of("current", "fit"), trial.arms().stream().map(io.ecrm.serving.experiments.ExperimentArm::name).toList());
        assertEquals(3.0, trial.arms().get(1).settings().get("queryItems"));
        assertEquals((double) current.queryItems(), trial.arms().get(0).settings().get("queryItems"));
        TenantModel running = model.with(trial);
        assertEquals(trial, running.runningExperiment());
        assertNull(ModelTuning.trial(running, current, result, "f2"), "one experiment at a time");
        TenantModel after = running.after(fit(1, false), null);
        assertEquals(trial, after.runningExperiment(), "a later fit keeps the experiments");
    }
}
