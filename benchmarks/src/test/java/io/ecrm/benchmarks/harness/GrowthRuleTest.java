package io.ecrm.benchmarks.harness;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class GrowthRuleTest {
    private final GrowthRule rule = new GrowthRule(0.10);

    @Test
    void steadyGrowthAfterWarmupFails() {
        List<Long> heap = List.of(100L, 150L, 160L, 170L, 180L, 190L, 200L, 210L, 220L, 230L);
        assertTrue(rule.judge("heap", heap).orElseThrow().contains("rose in each of the last 4 minutes"));
    }

    @Test
    void aPlateauPasses() {
        List<Long> heap = List.of(100L, 150L, 160L, 170L, 180L, 190L, 200L, 200L, 210L, 220L);
        assertFalse(rule.judge("heap", heap).isPresent());
    }

    @Test
    void aSmallSteadyRisePasses() {
        List<Long> state = List.of(100L, 150L, 200L, 201L, 202L, 203L, 204L, 205L, 206L, 207L);
        assertFalse(rule.judge("state", state).isPresent());
    }

    @Test
    void growthDuringWarmupAloneIsNotJudged() {
        List<Long> heap = List.of(10L, 100L, 1000L, 1000L, 990L, 1000L, 995L, 1000L, 998L);
        assertFalse(rule.judge("heap", heap).isPresent());
    }

    @Test
    void aRunTooShortIsNotJudged() {
        assertFalse(GrowthRule.judges(4));
        assertFalse(rule.judge("heap", List.of(1L, 2L, 4L, 8L)).isPresent());
        assertTrue(GrowthRule.judges(5));
        assertTrue(rule.judge("heap", List.of(1L, 2L, 4L, 8L, 16L)).isPresent());
    }

    @Test
    void aBacklogBelowItsFloorIsNoGrowth() {
        List<Long> backlog = List.of(0L, 100L, 150L, 200L, 300L, 400L, 500L, 600L, 700L, 800L);
        assertFalse(rule.judge("backlog", backlog, 1_000).isPresent());
        assertTrue(rule.judge("backlog", backlog, 500).isPresent());
    }
}
