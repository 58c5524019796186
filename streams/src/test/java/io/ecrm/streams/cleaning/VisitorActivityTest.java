package io.ecrm.streams.cleaning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class VisitorActivityTest {
    private static final CleaningSettings SETTINGS = new CleaningSettings(86_400_000L, 3_600_000L, 86_400_000L, 3, 60_000, 1_000);

    @Test
    void aPersonClickingWithinTheLimitIsNoBot() {
        VisitorActivity activity = VisitorActivity.NONE;
        for (int i = 0; i < 3; i++) {
            activity = activity.observe(10_000 + i * 100, SETTINGS);
        }
        assertEquals(3, activity.eventsInSecond());
        assertFalse(activity.isBotAt(10_300));
    }

    @Test
    void oneEventTooManyInASecondQuarantinesTheVisitor() {
        VisitorActivity activity = VisitorActivity.NONE;
        for (int i = 0; i < 4; i++) {
            activity = activity.observe(10_000 + i * 100, SETTINGS);
        }
        assertTrue(activity.isBotAt(10_300));
        assertTrue(activity.isBotAt(10_300 + 60_000));
        assertFalse(activity.isBotAt(10_301 + 60_000));
    }

    @Test
    void theCountStartsAgainEachSecond() {
        VisitorActivity activity = VisitorActivity.NONE;
        for (int i = 0; i < 10; i++) {
            activity = activity.observe(10_000 + i * 500, SETTINGS);
        }
        assertFalse(activity.isBotAt(15_000));
        assertEquals(2, activity.eventsInSecond());
    }
}
