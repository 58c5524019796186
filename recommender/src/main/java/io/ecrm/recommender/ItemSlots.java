package io.ecrm.recommender;

import java.util.Arrays;

/**
 * An open-addressing table from item ids to dense slots 0, 1, 2, ... in order of first insertion:
 * the per-query scratch of the ranker (its candidates, the items an answer has taken or must
 * skip), so that a query fills arrays indexed by slot instead of boxed maps and hash sets.
 * {@link #reset} empties it for the next query in time proportional to what the last one used,
 * keeping its arrays: once they have grown to a query's size, a query allocates nothing.
 */
final class ItemSlots {
    private String[] cells = new String[64];
    private int[] slotOfCell = new int[64];
    private String[] items = new String[32];
    private int[] cellOfSlot = new int[32];
    private int size;

    /** Empties the table. */
    void reset() {
        for (int slot = 0; slot < size; slot++) {
            cells[cellOfSlot[slot]] = null;
            items[slot] = null;
        }
        size = 0;
    }

    /** The slot of the item, or -1. */
    int get(String itemId) {
        int mask = cells.length - 1;
        for (int i = mix(itemId.hashCode()) & mask; ; i = (i + 1) & mask) {
            String key = cells[i];
            if (key == null) {
                return -1;
            }
            if (key.equals(itemId)) {
                return slotOfCell[i];
            }
        }
    }

    boolean contains(String itemId) {
        return get(itemId) >= 0;
    }

    /** The slot of the item, given the next free one when it is new. */
    int add(String itemId) {
        int mask = cells.length - 1;
        for (int i = mix(itemId.hashCode()) & mask; ; i = (i + 1) & mask) {
            String key = cells[i];
            if (key == null) {
                if (size == items.length) {
                    grow();
                    return add(itemId);
                }
                cells[i] = itemId;
                slotOfCell[i] = size;
                cellOfSlot[size] = i;
                items[size] = itemId;
                return size++;
            }
            if (key.equals(itemId)) {
                return slotOfCell[i];
            }
        }
    }

    int size() {
        return size;
    }

    /** Slots the table holds before it grows: arrays indexed by slot need this many entries. */
    int capacity() {
        return items.length;
    }

    String item(int slot) {
        return items[slot];
    }

    private void grow() {
        int slots = items.length * 2;
        cells = new String[slots * 2];
        slotOfCell = new int[slots * 2];
        items = Arrays.copyOf(items, slots);
        cellOfSlot = Arrays.copyOf(cellOfSlot, slots);
        int mask = cells.length - 1;
        for (int slot = 0; slot < size; slot++) {
            int i = mix(items[slot].hashCode()) & mask;
            while (cells[i] != null) {
                i = (i + 1) & mask;
            }
            cells[i] = items[slot];
            slotOfCell[i] = slot;
            cellOfSlot[slot] = i;
        }
    }

    private static int mix(int h) {
        h *= 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
