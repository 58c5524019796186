package io.ecrm.streams.items;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ItemActivityTest {
    private static final long T = 1_763_975_730_000L;
    private static final long HOUR = ActivityWindow.HOUR.halfLifeMillis();
    private static final long DAY = ActivityWindow.DAY.halfLifeMillis();

    @Test
    void countsByKindAndHalvesEachCountOncePerItsWindow() {
        ItemActivity a = ItemActivity.NONE.add(2, 1, 0, 4.0, T);
        assertEquals(2, a.views());
        assertEquals(1, a.carts());
        assertEquals(4.0, a.decayed(ActivityWindow.HOUR, T), 1e-9);
        assertEquals(2.0, a.decayed(ActivityWindow.HOUR, T + HOUR), 1e-9);
        assertEquals(1.0, a.decayed(ActivityWindow.HOUR, T + 2 * HOUR), 1e-9);
        assertEquals(2.0, a.decayed(ActivityWindow.DAY, T + DAY), 1e-9);
        ItemActivity b = a.add(1, 0, 1, 2.0, T + HOUR);     // 4 halved to 2, plus 2
        assertEquals(4.0, b.decayed(ActivityWindow.HOUR, T + HOUR), 1e-9);
        assertEquals(1, b.purchases());
    }

    @Test
    void aLateUpdateCountsAsOfItsOwnTime() {
        ItemActivity a = ItemActivity.NONE.add(1, 0, 0, 1.0, T + HOUR).add(1, 0, 0, 1.0, T);
        assertEquals(T + HOUR, a.updatedMillis());
        assertEquals(1.0 + 0.5, a.decayed(ActivityWindow.HOUR, T + HOUR), 1e-9);
    }

    @Test
    void anItemRisingThisHourTrendsAndASteadyOneDoesNot() {
        // steady: one event an hour for two days; rising: quiet, then 20 events in the last hour
        ItemActivity steady = ItemActivity.NONE;
        ItemActivity rising = ItemActivity.NONE.add(1, 0, 0, 1.0, T);
        for (long t = T; t <= T + 48 * HOUR; t += HOUR) {
            steady = steady.add(1, 0, 0, 1.0, t);
        }
        long now = T + 48 * HOUR;
        for (int i = 0; i < 20; i++) {
            rising = rising.add(1, 0, 0, 1.0, now - HOUR + i * 60_000L);
        }
        assertTrue(rising.trend(ActivityWindow.HOUR, now) > 3, "rising: " + rising.trend(ActivityWindow.HOUR, now));
        assertTrue(Math.abs(steady.trend(ActivityWindow.HOUR, now)) < 1.5, "steady: " + steady.trend(ActivityWindow.HOUR, now));
        assertEquals(0.0, rising.trend(ActivityWindow.MONTH, now), "the longest window has no baseline");
    }
}
