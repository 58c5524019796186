package io.ecrm.recommender;

import java.util.Arrays;

/**
 * The per-query table of candidate items: for each item and blended source, the summed score and
 * the single strongest contribution (its recent item and similarity, for the explanation). Item
 * ids to slots ({@link ItemSlots}), arrays per source, kept per thread and emptied by {@link #reset}
 * in time proportional to the last query's candidates: a query touches a few hundred items, and this
 * keeps it free of boxed maps and of large allocations.
 */
final class Candidates {
    static final Source[] BLENDED = {Source.SESSION_NEIGHBOURS, Source.SESSION_REPEAT, Source.FOLLOWS, Source.SIMILAR_ITEMS,
            Source.POPULAR};
    private static final int SOURCES = BLENDED.length;

    private final ItemSlots slots = new ItemSlots();
    private final SessionNeighbours.Votes sessionNeighbourVotes =
            (item, score, because, similarity) -> add(0, item, score, because, similarity);
    // per slot, SOURCES consecutive values
    private double[] score = new double[0];
    private double[] strongest = new double[0];
    private String[] because = new String[0];
    private double[] similarity = new double[0];

    /** Empties the table for the next query. */
    void reset() {
        int used = slots.size() * SOURCES;
        Arrays.fill(score, 0, used, 0.0);
        Arrays.fill(strongest, 0, used, 0.0);
        Arrays.fill(because, 0, used, null);
        Arrays.fill(similarity, 0, used, 0.0);
        slots.reset();
    }

    /** Adds {@code amount} to the item's score from source {@code s} (an index into {@link #BLENDED}). */
    void add(int s, String itemId, double amount, String becauseItem, double becauseSimilarity) {
        int slot = slots.add(itemId);
        if (score.length < slots.capacity() * SOURCES) {
            int length = slots.capacity() * SOURCES;
            score = Arrays.copyOf(score, length);
            strongest = Arrays.copyOf(strongest, length);
            because = Arrays.copyOf(because, length);
            similarity = Arrays.copyOf(similarity, length);
        }
        int at = slot * SOURCES + s;
        score[at] += amount;
        if (amount > strongest[at]) {
            strongest[at] = amount;
            because[at] = becauseItem;
            similarity[at] = becauseSimilarity;
        }
    }

    /** The session-kNN source's votes, added as source 0. */
    SessionNeighbours.Votes sessionNeighbourVotes() {
        return sessionNeighbourVotes;
    }

    int size() {
        return slots.size();
    }

    /** The item's slot, or -1 when it is no candidate. */
    int slot(String itemId) {
        return slots.get(itemId);
    }

    String item(int slot) {
        return slots.item(slot);
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
        for (int at = s; at < slots.size() * SOURCES; at += SOURCES) {
            max = Math.max(max, score[at]);
        }
        return max;
    }
}
