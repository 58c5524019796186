package io.ecrm.recommender.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RankMetricsTest {
    private static List<String> list(int length) {
        List<String> items = new ArrayList<>();
        for (int i = 1; i <= length; i++) {
            items.add("i" + i);
        }
        return items;
    }

    @Test
    void aHitAtRankOneCountsFullyAtEveryCutoff() {
        RankMetrics m = new RankMetrics();
        m.add(list(20), "i1");
        assertEquals(1.0, m.hitRate(20));
        assertEquals(1.0, m.mrr(5));
    }

    @Test
    void aHitAtRankTwentyCountsOnlyAtTwenty() {
        RankMetrics m = new RankMetrics();
        m.add(list(20), "i20");
        assertEquals(1.0, m.hitRate(20));
        assertEquals(1.0 / 20, m.mrr(20), 1e-12);
        assertEquals(0.0, m.hitRate(10));
        assertEquals(0.0, m.mrr(10));
    }

    @Test
    void aMissCountsZeroAndAveragesWithTheRest() {
        RankMetrics m = new RankMetrics();
        m.add(list(20), "elsewhere");
        m.add(list(20), "i2");
        assertEquals(2, m.count());
        assertEquals(0.5, m.hitRate(20));
        assertEquals(0.25, m.mrr(20), 1e-12);
    }
}
