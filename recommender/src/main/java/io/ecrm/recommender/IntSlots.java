package io.ecrm.recommender;

/**
 * An open-addressing table from non-negative int keys to dense slots 0, 1, 2, ... in order of
 * first insertion: the per-query scratch of session-kNN, so that its loops use arrays indexed by
 * slot instead of boxed maps. {@link #reset} empties it for the next query in time proportional to
 * what the last one used, keeping its arrays: a query allocates nothing.
 */
final class IntSlots {
    private int[] keys = new int[0]; // key + 1; 0 is an empty cell
    private int[] slots = new int[0];
    private int[] keyOfSlot = new int[0];
    private int[] cellOfSlot = new int[0];
    private int mask;
    private int size;

    IntSlots(int maxKeys) {
        reset(maxKeys);
    }

    /** Empties the table and makes room for {@code maxKeys} keys. */
    void reset(int maxKeys) {
        if (maxKeys > keyOfSlot.length) {
            int capacity = Integer.highestOneBit(Math.max(4, maxKeys) * 2 - 1) << 1;
            keys = new int[capacity];
            slots = new int[capacity];
            keyOfSlot = new int[maxKeys];
            cellOfSlot = new int[maxKeys];
            mask = capacity - 1;
        } else {
            for (int s = 0; s < size; s++) {
                keys[cellOfSlot[s]] = 0;
            }
        }
        size = 0;
    }

    /** The slot of the key, or -1. */
    int get(int key) {
        int stored = key + 1;
        for (int i = mix(key) & mask; ; i = (i + 1) & mask) {
            if (keys[i] == stored) {
                return slots[i];
            }
            if (keys[i] == 0) {
                return -1;
            }
        }
    }

    /** The slot of the key, given the next free one when it is new. */
    int add(int key) {
        int stored = key + 1;
        for (int i = mix(key) & mask; ; i = (i + 1) & mask) {
            if (keys[i] == stored) {
                return slots[i];
            }
            if (keys[i] == 0) {
                if (size == keyOfSlot.length) {
                    throw new IllegalStateException("more than " + keyOfSlot.length + " keys");
                }
                keys[i] = stored;
                slots[i] = size;
                keyOfSlot[size] = key;
                cellOfSlot[size] = i;
                return size++;
            }
        }
    }

    int size() {
        return size;
    }

    int key(int slot) {
        return keyOfSlot[slot];
    }

    private static int mix(int key) {
        int h = key * 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
