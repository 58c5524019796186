package io.ecrm.recommender;

import java.util.Arrays;

/**
 * The per-query table of candidate items: for each item and blended source, the summed score and
 * the single strongest contribution (its recent item and similarity, for the explanation). Open
 * addressing on the item id, arrays per source: a query touches a few hundred items and this keeps
 * it free of boxed maps.
 */
final class Candidates {
    static final Source[] BLENDED = {Source.SESSION_NEIGHBOURS, Source.SESSION_REPEAT, Source.FOLLOWS, Source.SIMILAR_ITEMS};

    private String[] table;
    private int[] slotOf;
    private String[] items;
    private double[][] score;
    private double[][] strongest;
    private String[][] because;
    private double[][] similarity;
    private int size;

    Candidates(int expected) {
        int capacity = Integer.highestOneBit(Math.max(8, expected) * 2 - 1) << 1;
        table = new String[capacity];
        slotOf = new int[capacity];
        items = new String[capacity / 2];
        score = new double[BLENDED.length][capacity / 2];
        strongest = new double[BLENDED.length][capacity / 2];
        because = new String[BLENDED.length][capacity / 2];
        similarity = new double[BLENDED.length][capacity / 2];
    }

    /** Adds {@code amount} to the item's score from source {@code s} (an index into {@link #BLENDED}). */
    void add(int s, String itemId, double amount, String becauseItem, double becauseSimilarity) {
        int slot = slot(itemId);
        score[s][slot] += amount;
        if (amount > strongest[s][slot]) {
            strongest[s][slot] = amount;
            because[s][slot] = becauseItem;
            similarity[s][slot] = becauseSimilarity;
        }
    }

    private int slot(String itemId) {
        int mask = table.length - 1;
        for (int i = mix(itemId.hashCode()) & mask; ; i = (i + 1) & mask) {
            String key = table[i];
            if (key == null) {
                if (size == items.length) {
                    grow();
                    return slot(itemId);
                }
                table[i] = itemId;
                slotOf[i] = size;
                items[size] = itemId;
                return size++;
            }
            if (key.equals(itemId)) {
                return slotOf[i];
            }
        }
    }

    private void grow() {
        int capacity = table.length * 2;
        table = new String[capacity];
        slotOf = new int[capacity];
        items = Arrays.copyOf(items, capacity / 2);
        for (int s = 0; s < BLENDED.length; s++) {
            score[s] = Arrays.copyOf(score[s], capacity / 2);
            strongest[s] = Arrays.copyOf(strongest[s], capacity / 2);
            because[s] = Arrays.copyOf(because[s], capacity / 2);
            similarity[s] = Arrays.copyOf(similarity[s], capacity / 2);
        }
        int mask = capacity - 1;
        for (int slot = 0; slot < size; slot++) {
            int i = mix(items[slot].hashCode()) & mask;
            while (table[i] != null) {
                i = (i + 1) & mask;
            }
            table[i] = items[slot];
            slotOf[i] = slot;
        }
    }

    private static int mix(int h) {
        h *= 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    int size() {
        return size;
    }

    String item(int slot) {
        return items[slot];
    }

    double score(int s, int slot) {
        return score[s][slot];
    }

    String because(int s, int slot) {
        return because[s][slot];
    }

    double similarity(int s, int slot) {
        return similarity[s][slot];
    }

    /** The best score of source s over all candidates. */
    double max(int s) {
        double max = 0;
        for (int slot = 0; slot < size; slot++) {
            max = Math.max(max, score[s][slot]);
        }
        return max;
    }
}
