package io.ecrm.streams.items;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ItemChangeTest {
    private static final double GROWTH = 0.1;
    private static final long WAIT = 10_000;

    @Test
    void aNewItemIsDueAtOnce() {
        ItemChange change = ItemChange.first(1_000, 3.0);
        assertTrue(change.due(3.0, 1_000, GROWTH, WAIT), "its whole weight is new");
    }

    @Test
    void aSmallChangeWaitsUntilItGrowsOrAgesEnough() {
        ItemChange change = ItemChange.first(1_000, 1.0).plus(3.0);
        assertFalse(change.due(100.0, 1_500, GROWTH, WAIT), "4 of 100 is under the share");
        assertTrue(change.plus(6.0).due(100.0, 1_500, GROWTH, WAIT), "10 of 100 is not");
        assertFalse(change.due(100.0, 10_999, GROWTH, WAIT));
        assertTrue(change.due(100.0, 11_000, GROWTH, WAIT), "the first change is the max wait old");
    }

    @Test
    void aChangeOfPairsAloneIsDueByAgeOrWhenTheItemHasNoWeight() {
        ItemChange change = ItemChange.first(0, 0.0);
        assertFalse(change.due(50.0, 9_999, GROWTH, WAIT));
        assertTrue(change.due(50.0, 10_000, GROWTH, WAIT));
        assertTrue(change.due(0.0, 1, GROWTH, WAIT));
    }

    @Test
    void growthZeroMakesEveryChangeDue() {
        assertTrue(ItemChange.first(0, 0.0).due(1_000_000.0, 1, 0.0, WAIT));
    }

    @Test
    void publishingTheCountKeepsTheChangeAndAnotherUpdateMarksItAgain() {
        ItemChange published = ItemChange.first(5, 2.0).countPublished();
        assertFalse(published.countPending());
        assertEquals(2.0, published.moved());
        assertEquals(5, published.sinceMillis());
        assertTrue(published.plus(1.0).countPending());
        assertEquals(5, published.plus(1.0).sinceMillis(), "the first change's time is kept");
    }

    @Test
    void aChangeMarkedBeforeARestartIsDue() {
        assertTrue(ItemChange.UNKNOWN.countPending());
        assertTrue(ItemChange.UNKNOWN.due(1e12, 0, GROWTH, Long.MAX_VALUE / 4));
    }
}
