package io.ecrm.recommender;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DecayedCountTest {
    private static final long HOUR = 3_600_000L;

    @Test
    void aCountHalvesEveryHalfLife() {
        DecayedCount count = DecayedCount.ZERO.add(8, 0, HOUR);
        assertEquals(8, count.valueAt(0, HOUR), 1e-12);
        assertEquals(4, count.valueAt(HOUR, HOUR), 1e-12);
        assertEquals(1, count.valueAt(3 * HOUR, HOUR), 1e-12);
    }

    @Test
    void addsAtTheLatestTimeWhateverTheOrder() {
        // 4 at t=0 and 2 at t=1h: at 1h, 4/2 + 2 = 4, in either order
        DecayedCount inOrder = DecayedCount.ZERO.add(4, 0, HOUR).add(2, HOUR, HOUR);
        DecayedCount late = DecayedCount.ZERO.add(2, HOUR, HOUR).add(4, 0, HOUR);
        assertEquals(4, inOrder.valueAt(HOUR, HOUR), 1e-12);
        assertEquals(4, late.valueAt(HOUR, HOUR), 1e-12);
        assertEquals(HOUR, late.atMillis());
    }

    @Test
    void trendingRanksRecentInterestAbovePastInterest() {
        // "old" had 10 views a day ago, "new" 3 views now: with a 6-hour half-life "new" leads
        long halfLife = 6 * HOUR;
        DecayedCount old = DecayedCount.ZERO.add(10, 0, halfLife);
        DecayedCount recent = DecayedCount.ZERO.add(3, 24 * HOUR, halfLife);
        assertEquals(10.0 / 16, old.valueAt(24 * HOUR, halfLife), 1e-12);
        assertEquals(3, recent.valueAt(24 * HOUR, halfLife), 1e-12);
    }
}
