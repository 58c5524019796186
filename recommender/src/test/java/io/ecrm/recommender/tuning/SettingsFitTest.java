package io.ecrm.recommender.tuning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecrm.recommender.RecommenderSettings;
import io.ecrm.recommender.evaluation.Click;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SettingsFitTest {
    private static final long HOUR = 3_600_000L;

    /**
     * {@code visits} visits of a repeat-heavy shop, one every {@code gapMillis}: each views x, then y, then
     * x twice more, so the next click is most often an item already in the visit.
     */
    private static List<Click> repeatHeavy(int visits, long gapMillis) {
        List<Click> clicks = new ArrayList<>();
        long t = 1_700_000_000_000L;
        for (int v = 0; v < visits; v++) {
            String x = "x" + (v % 13);
            String y = "y" + (v * 7 % 11);
            for (String item : new String[] {x, y, x, x, "z" + (v % 3)}) {
                clicks.add(new Click("v" + v, item, t += 1_000));
            }
            t += gapMillis;
        }
        return clicks;
    }

    @Test
    void validationIsTheLastDayBoundedByAFloorAndAShare() {
        SettingsFit fit = new SettingsFit(FitSettings.DEFAULTS);
        // 20,000 visits, one every 6 minutes: 240 start in the last day, below the floor of 3,000
        ValidationSplit quiet = fit.split(repeatHeavy(20_000, 6 * 60_000L));
        assertEquals(20_000, quiet.visits());
        assertEquals(3_000, quiet.validation());
        // 6,000 visits, 2,000 a day: the last day holds a third of them, more than the share of a fifth allows
        ValidationSplit busy = fit.split(repeatHeavy(6_000, 43_200L - 5_000));
        assertEquals(1_200, busy.validation(), "at most a fifth of the visits");
        ValidationSplit small = fit.split(repeatHeavy(300, HOUR));
        assertFalse(small.enough(FitSettings.DEFAULTS), "300 visits are too few to choose on");
    }

    @Test
    void theFitNeverEndsBelowTheCurrentSettingsTheDefaultsOrAnyBaseline() {
        SettingsFit fit = new SettingsFit(new FitSettings(86_400_000L, 500, 0.2, 500, 2_000, 1, 60_000L));
        ValidationSplit split = fit.split(repeatHeavy(3_000, 10 * 60_000L));
        assertTrue(split.enough(FitSettings.DEFAULTS));
        // current settings that ignore the visit's own items: a poor start on this shop
        RecommenderSettings current = RecommenderSettings.DEFAULTS.withRanking(
                RecommenderSettings.DEFAULTS.ranking().withWeights(0, 0, 0, 1, 0));
        List<SettingsFit.Progress> seen = new ArrayList<>();
        FitResult result = fit.fit(split, current, seen::add);
        for (String candidate : FitResult.candidateNames()) {
            FitScore score = result.candidates().get(candidate);
            assertTrue(result.chosen().objective() >= score.objective(), candidate + " " + score + " vs " + result.chosen());
        }
        assertTrue(result.improves(), "the repeat signal is worth more than similar items alone: " + result);
        assertTrue(result.changes().contains("ranking.repeatWeight") || !result.start().equals(FitResult.CURRENT),
                "the change is named: " + result.changes());
        assertEquals(result.evaluations(), seen.get(seen.size() - 1).evaluations(), "progress reports every candidate");
        assertTrue(ServingKnobs.sameTraining(current, result.settings()), "only serving knobs change");
    }

    @Test
    void aFitFromTheBestSettingsKeepsThem() {
        SettingsFit fit = new SettingsFit(new FitSettings(86_400_000L, 500, 0.2, 500, 2_000, 1, 60_000L));
        ValidationSplit split = fit.split(repeatHeavy(3_000, 10 * 60_000L));
        FitResult first = fit.fit(split, RecommenderSettings.DEFAULTS, p -> { });
        FitResult again = fit.fit(split, first.settings(), p -> { });
        assertFalse(again.improves(), "nothing beats the settings just chosen on the same visits");
        assertEquals(first.settings(), again.settings());
    }
}
