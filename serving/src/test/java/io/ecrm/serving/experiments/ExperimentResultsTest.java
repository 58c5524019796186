package io.ecrm.serving.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecrm.schemas.ClickEvent;
import io.ecrm.schemas.EventType;
import io.ecrm.schemas.RecommendationIds;
import io.ecrm.streams.earnings.Earnings;
import io.ecrm.streams.earnings.RecommendationTrail;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Simulated traffic through the same path as live events: each visitor is put in an arm by the
 * experiment's hash, shown lists whose ids name the arm, and clicks each with the arm's true rate;
 * their trail says what each event earned for the arm, summed as the store sums it.
 */
class ExperimentResultsTest {
    private static final Experiment EXPERIMENT = new Experiment("rank-test", 9, Experiment.RUNNING,
            Instant.ofEpochMilli(0).toString(), null, List.of(
                    new ExperimentArm("control", "current", Map.of(), 1),
                    new ExperimentArm("candidate", "fit", Map.of(), 1)), null);

    /** What the arms earned from {@code visitors} visitors seeing 3 lists each, clicking with the arm's rate. */
    private static Map<Integer, Earnings> simulate(int visitors, double[] clickRate, long seed) {
        Random random = new Random(seed);
        Map<Integer, Earnings> earned = new HashMap<>();
        char[] id = new char[RecommendationIds.LENGTH];
        for (int v = 0; v < visitors; v++) {
            String visitor = "visitor-" + v;
            int arm = EXPERIMENT.armOf(visitor);
            RecommendationTrail trail = RecommendationTrail.NONE;
            long t = v * 100_000L;
            for (int list = 0; list < 3; list++) {
                RecommendationIds.write(id, EXPERIMENT.serial(), arm, random.nextLong());
                String recommendation = new String(id);
                trail = add(earned, trail.observe(ClickEvent.impression("i" + v + "-" + list, t++, visitor, recommendation,
                        "home", List.of("a", "b", "c"))));
                if (random.nextDouble() < clickRate[arm]) {
                    String item = "item-" + list;
                    trail = add(earned, trail.observe(ClickEvent.item("c" + v + "-" + list, EventType.PRODUCT_VIEW, t++, visitor,
                            item).fromRecommendation(recommendation)));
                    if (random.nextDouble() < 0.3) {
                        trail = add(earned, trail.observe(new ClickEvent("p" + v + "-" + list, EventType.PURCHASE, t++, visitor,
                                null, null, item, 1, 10.0 + random.nextInt(20), "EUR", null, null, null, null)));
                    }
                }
            }
        }
        return earned;
    }

    private static RecommendationTrail add(Map<Integer, Earnings> earned, RecommendationTrail.Observed observed) {
        earned.merge(observed.arm(), observed.armEarned(), Earnings::plus);
        return observed.trail();
    }

    @Test
    void aTrulyHigherClickRateIsSignificantWithEnoughTrafficAndNotWithTooLittle() {
        double[] rates = {0.10, 0.14};
        Map<Integer, Earnings> little = simulate(60, rates, 1);
        ExperimentResults.Test few = ExperimentResults.clickThrough(ExperimentResults.arms(EXPERIMENT, little));
        assertFalse(few.significant(), few.toString());
        assertNull(few.winner());

        Map<Integer, Earnings> enough = simulate(8_000, rates, 1);
        List<ExperimentResults.Arm> arms = ExperimentResults.arms(EXPERIMENT, enough);
        ExperimentResults.Test many = ExperimentResults.clickThrough(arms);
        assertTrue(many.significant(), many.toString());
        assertEquals("candidate", many.winner());
        assertTrue(many.pValue() < 0.001, many.toString());
        // the intervals hold the true rates and the split follows the traffic
        for (int arm = 0; arm < 2; arm++) {
            ExperimentResults.Estimate ctr = arms.get(arm).clickThroughRate();
            assertTrue(ctr.low() < rates[arm] && rates[arm] < ctr.high(), arms.get(arm).toString());
            assertEquals(4_000, arms.get(arm).visitors(), 200, "a 50/50 split of 8,000 visitors");
        }
    }

    @Test
    void equalClickRatesAreNotSignificantHoweverMuchTraffic() {
        ExperimentResults.Test same = ExperimentResults.clickThrough(
                ExperimentResults.arms(EXPERIMENT, simulate(8_000, new double[] {0.12, 0.12}, 2)));
        assertFalse(same.significant(), same.toString());
    }

    @Test
    void revenuePerVisitorComesFromEachVisitorsTotalAndIsTestedVisitorByVisitor() {
        Map<Integer, Earnings> earned = simulate(8_000, new double[] {0.05, 0.30}, 3);
        List<ExperimentResults.Arm> arms = ExperimentResults.arms(EXPERIMENT, earned);
        for (ExperimentResults.Arm arm : arms) {
            assertEquals(arm.revenue() / arm.visitors(), arm.revenuePerVisitor().value(), 1e-9);
            assertTrue(arm.conversion().value() > 0 && arm.converters() <= arm.purchases(), arm.toString());
        }
        ExperimentResults.Test revenue = ExperimentResults.revenuePerVisitor(arms, earned).get(0);
        assertTrue(revenue.significant(), revenue.toString());
        assertEquals("candidate", revenue.winner());
    }

    @Test
    void wilsonIntervalsStayWithinZeroAndOne() {
        ExperimentResults.Estimate none = ExperimentResults.wilson(0, 10);
        assertEquals(0.0, none.value());
        assertEquals(0.0, none.low());
        assertTrue(none.high() > 0.2 && none.high() < 0.4, none.toString()); // 0.278 for 0 of 10
        assertEquals(1.0, ExperimentResults.wilson(10, 10).high(), 1e-12);
        assertNull(ExperimentResults.wilson(0, 0).value());
    }

    @Test
    void aVisitorStaysInOneArmAndArmsTakeTheirShare() {
        Experiment uneven = new Experiment("uneven", 1, Experiment.RUNNING, Instant.ofEpochMilli(0).toString(), null, List.of(
                new ExperimentArm("a", "current", Map.of(), 9), new ExperimentArm("b", "defaults", Map.of(), 1)), null);
        int inB = 0;
        for (int v = 0; v < 10_000; v++) {
            int arm = uneven.armOf("v" + v);
            assertEquals(arm, uneven.armOf("v" + v));
            inB += arm;
        }
        assertEquals(1_000, inB, 100);
        Experiment renamed = new Experiment("other", 1, Experiment.RUNNING, Instant.ofEpochMilli(0).toString(), null,
                uneven.arms(), null);
        int moved = 0;
        for (int v = 0; v < 10_000; v++) {
            moved += uneven.armOf("v" + v) == renamed.armOf("v" + v) ? 0 : 1;
        }
        assertTrue(moved > 1_000, "another experiment splits visitors anew (salted): " + moved);
    }
}
