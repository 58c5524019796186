package io.ecrm.recommender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ItemSlotsTest {
    @Test
    void givesSlotsInOrderOfFirstInsertionAndKeepsThemAcrossGrowth() {
        ItemSlots slots = new ItemSlots();
        int n = slots.capacity() * 5; // grows several times
        for (int i = 0; i < n; i++) {
            assertEquals(i, slots.add("item-" + i));
            assertEquals(i, slots.add("item-" + i), "an item added again keeps its slot");
        }
        assertEquals(n, slots.size());
        for (int i = 0; i < n; i++) {
            assertEquals(i, slots.get("item-" + i));
            assertEquals("item-" + i, slots.item(i));
        }
        assertEquals(-1, slots.get("item-" + n));
    }

    @Test
    void resetEmptiesTheTableForTheNextQuery() {
        ItemSlots slots = new ItemSlots();
        for (int i = 0; i < 100; i++) {
            slots.add("a" + i);
        }
        slots.reset();
        assertEquals(0, slots.size());
        assertFalse(slots.contains("a1"));
        assertEquals(0, slots.add("b"));
        assertTrue(slots.contains("b"));
        assertFalse(slots.contains("a0"));
    }
}
