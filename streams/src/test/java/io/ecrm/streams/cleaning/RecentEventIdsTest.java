package io.ecrm.streams.cleaning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RecentEventIdsTest {
    private static final long WINDOW = 1_000;

    @Test
    void anIdIsSeenWithinTheWindowEitherWayAndNotBeyond() {
        RecentEventIds ids = RecentEventIds.NONE.with("e1", 10_000, 0, 10);
        assertTrue(ids.seen("e1", 10_000, WINDOW));
        assertTrue(ids.seen("e1", 11_000, WINDOW));
        assertTrue(ids.seen("e1", 9_000, WINDOW));
        assertFalse(ids.seen("e1", 11_001, WINDOW));
        assertFalse(ids.seen("e1", 8_999, WINDOW));
        assertFalse(ids.seen("e2", 10_000, WINDOW));
    }

    @Test
    void idsBeforeTheKeepTimeAreDroppedAndTheOldestBeyondTheCap() {
        RecentEventIds ids = RecentEventIds.NONE.with("old", 1_000, 0, 3).with("a", 5_000, 0, 3);
        ids = ids.with("b", 6_000, 2_000, 3);
        assertEquals(2, ids.size(), "'old' is before the keep time");
        assertFalse(ids.seen("old", 1_000, WINDOW));
        ids = ids.with("c", 7_000, 0, 3).with("d", 8_000, 0, 3);
        assertEquals(3, ids.size());
        assertFalse(ids.seen("a", 5_000, WINDOW), "the oldest beyond the cap");
        assertTrue(ids.seen("b", 6_000, WINDOW));
        assertEquals(8_000, ids.timeAt(0), "newest first");
    }

    @Test
    void storedFormRoundTripsAndComparesByValue() {
        RecentEventIds ids = RecentEventIds.NONE.with("x", 5, 0, 5).with("y", 3, 0, 5);
        RecentEventIds copy = RecentEventIds.of(new long[] {ids.hashAt(0), ids.hashAt(1)}, new long[] {ids.timeAt(0), ids.timeAt(1)});
        assertEquals(ids, copy);
        assertTrue(copy.seen("x", 5, 0));
        assertNotEquals(ids, RecentEventIds.NONE);
    }

    @Test
    void similarIdsHashApart() {
        Set<Long> hashes = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            hashes.add(RecentEventIds.hash("evt-" + i));
        }
        assertEquals(100_000, hashes.size());
    }
}
