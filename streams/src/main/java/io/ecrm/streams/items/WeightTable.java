package io.ecrm.streams.items;

import java.util.function.ObjDoubleConsumer;

/**
 * Weights summed by item id without a box per addition: open addressing over two parallel
 * arrays, kept at most half full. Summing every event's pair weights between commits was, with
 * boxed maps, a sixth of the stream thread's time.
 */
final class WeightTable {
    private String[] keys = new String[8];
    private double[] values = new double[8];
    private int size;

    /** Adds {@code weight} to the sum of {@code key}, which starts at 0. */
    void add(String key, double weight) {
        int mask = keys.length - 1;
        for (int i = slot(key, mask); ; i = (i + 1) & mask) {
            if (keys[i] == null) {
                keys[i] = key;
                values[i] = weight;
                if (++size * 2 > keys.length) {
                    grow();
                }
                return;
            }
            if (keys[i].equals(key)) {
                values[i] += weight;
                return;
            }
        }
    }

    int size() {
        return size;
    }

    /** Calls {@code action} with each key and its sum, in no particular order. */
    void forEach(ObjDoubleConsumer<String> action) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != null) {
                action.accept(keys[i], values[i]);
            }
        }
    }

    private static int slot(String key, int mask) {
        int h = key.hashCode();
        return (h ^ (h >>> 16)) & mask;
    }

    private void grow() {
        String[] oldKeys = keys;
        double[] oldValues = values;
        keys = new String[oldKeys.length * 2];
        values = new double[oldKeys.length * 2];
        int mask = keys.length - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldKeys[j] != null) {
                int i = slot(oldKeys[j], mask);
                while (keys[i] != null) {
                    i = (i + 1) & mask;
                }
                keys[i] = oldKeys[j];
                values[i] = oldValues[j];
            }
        }
    }
}
