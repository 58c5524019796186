package io.ecrm.streams.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class VisitExpiryTest {
    @Test
    void keysAreTheOnesEarlierVersionsWroteAndSortByStart() {
        for (long start : new long[] {0, 7, 1_763_975_730_000L, Long.MAX_VALUE, -1, -1_000, Long.MIN_VALUE}) {
            assertEquals(String.format("%019d", start) + '\u0000' + "a:v", VisitExpiry.key(start, "a:v"), "start " + start);
        }
        assertTrue(VisitExpiry.key(999, "z").compareTo(VisitExpiry.key(1_000, "a")) < 0);
    }
}
