package io.ecrm.recommender.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvaluationDataTest {
    private static List<Click> clicks(String session, long start, String... items) {
        List<Click> clicks = new ArrayList<>();
        for (int i = 0; i < items.length; i++) {
            clicks.add(new Click(session, items[i], start + i));
        }
        return clicks;
    }

    @Test
    void cleansByTheProtocolAndCountsEachStep() {
        List<Click> train = new ArrayList<>();
        for (int s = 0; s < 5; s++) {
            train.addAll(clicks("t" + s, s * 100, "a", "b"));     // a and b seen 5 times
        }
        train.addAll(clicks("rare", 900, "a", "r"));             // r seen once: dropped from train
        train.addAll(clicks("single", 950, "b"));                 // length 1: dropped
        List<Click> test = new ArrayList<>();
        test.addAll(clicks("x", 1000, "a", "b", "a"));            // 2 prefixes
        test.addAll(clicks("y", 1100, "a", "unknown"));           // left with 1 click: dropped
        test.addAll(clicks("z", 1200, "b"));                      // length 1: dropped
        EvaluationData data = EvaluationData.prepare(train, test, true);
        assertEquals(List.of(13L, 12L, 11L, 11L, 11L), data.steps().stream().map(EvaluationData.Step::trainClicks).toList());
        assertEquals(List.of(6L, 5L, 5L, 4L, 3L), data.steps().stream().map(EvaluationData.Step::testClicks).toList());
        assertEquals(List.of("x"), data.test().stream().map(Session::id).toList());
        assertEquals(2, data.prefixes());
        assertEquals(List.of("a", "b", "a"), data.test().get(0).items());
    }

    @Test
    void withoutCleaningEveryPrefixIsScored() {
        EvaluationData data = EvaluationData.prepare(clicks("t", 0, "a", "b"), clicks("x", 10, "a", "q", "b"), false);
        assertEquals(2, data.prefixes());
        assertEquals(1, data.steps().size());
    }
}
