package io.ecrm.recommender;

import java.util.Arrays;

/**
 * The per-query table of candidate items: for each item and blended source, the summed score and
 * the single strongest contribution (its recent item and similarity, for the explanation). Open
 * addressing on the item id, arrays per source, kept per thread and emptied by {@link #reset} in
 * time proportional to the last query's candidates: a query touches a few hundred items, and this
 * keeps it free of boxed maps and of large allocations.
 */
final class Candidates {
    static final Source[] BLENDED = {Source.SESSION_NEIGHBOURS, Source.SESSION_REPEAT, Source.FOLLOWS, Source.SIMILAR_ITEMS,
            Source.POPULAR};
    private static final int SOURCES = BLENDED.length;

    private String[] table = new String[512];
    private int[] slotOf = new int[512];
    private int[] cellOf = new int[256];
    private String[] items = new String[256];
    // per slot, SOURCES consecutive values
    private double[] score = new double[256 * SOURCES];
    private double[] strongest = new double[256 * SOURCES];
    private String[] because = new String[256 * SOURCES];
    private double[] similarity = new double[256 * SOURCES];
    private int size;

    /** Empties the table for the next query. */
    void reset() {
        for (int slot = 0; slot < size; slot++) {
            table[cellOf[slot]] = null;
            items[slot] = null;
        }
        int used = size * SOURCES;
        Arrays.fill(score, 0, used, 0.0);
        Arrays.fill(strongest, 0, used, 0.0);
        Arrays.fill(because, 0, used, null);
        Arrays.fill(similarity, 0, used, 0.0);
        size = 0;
    }

    /** Adds {@code amount} to the item's score from source {@code s} (an index into {@link #BLENDED}). */
    void add(int s, String itemId, double amount, String becauseItem, double becauseSimilarity) {
        int at = slot(itemId) * SOURCES + s;
        score[at] += amount;
        if (amount > strongest[at]) {
            strongest[at] = amount;
            because[at] = becauseItem;
            similarity[at] = becauseSimilarity;
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
                cellOf[size] = i;
                items[size] = itemId;
                return size++;
            }
            if (key.equals(itemId)) {
                return slotOf[i];
            }
        }
    }

    private void grow() {
        int slots = items.length * 2;
        table = new String[slots * 2];
        slotOf = new int[slots * 2];
        cellOf = Arrays.copyOf(cellOf, slots);
        items = Arrays.copyOf(items, slots);
        score = Arrays.copyOf(score, slots * SOURCES);
        strongest = Arrays.copyOf(strongest, slots * SOURCES);
        because = Arrays.copyOf(because, slots * SOURCES);
        similarity = Arrays.copyOf(similarity, slots * SOURCES);
        int mask = table.length - 1;
        for (int slot = 0; slot < size; slot++) {
            int i = mix(items[slot].hashCode()) & mask;
            while (table[i] != null) {
                i = (i + 1) & mask;
            }
            table[i] = items[slot];
            slotOf[i] = slot;
            cellOf[slot] = i;
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
        return score[slot * SOURCES + s];
    }

    String because(int s, int slot) {
        return because[slot * SOURCES + s];
    }

    double similarity(int s, int slot) {
        return similarity[slot * SOURCES + s];
    }

    /** The best score of source s over all candidates. */
    double max(int s) {
        double max = 0;
        for (int at = s; at < size * SOURCES; at += SOURCES) {
            max = Math.max(max, score[at]);
        }
        return max;
    }
}
