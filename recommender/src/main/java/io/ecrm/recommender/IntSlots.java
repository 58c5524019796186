package io.ecrm.recommender;

/**
 * An open-addressing table from non-negative int keys to dense slots 0, 1, 2, ... in order of
 * first insertion: the per-query scratch of session-kNN, so that its loops use arrays indexed by
 * slot instead of boxed maps. Fixed capacity, chosen by the caller from the query's bounds.
 */
final class IntSlots {
    private final int[] keys; // key + 1; 0 is an empty cell, so a new table needs no fill
    private final int[] slots;
    private final int mask;
    private final int[] keyOfSlot;
    private int size;

    IntSlots(int maxKeys) {
        int capacity = Integer.highestOneBit(Math.max(4, maxKeys) * 2 - 1) << 1;
        keys = new int[capacity];
        slots = new int[capacity];
        mask = capacity - 1;
        keyOfSlot = new int[maxKeys];
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
