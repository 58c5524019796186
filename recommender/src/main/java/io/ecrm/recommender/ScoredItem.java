package io.ecrm.recommender;

/**
 * An item with a score; in an answer, {@code because} names what produced the score: the recent
 * item whose neighbour it is, or {@code null} for a popularity backfill.
 */
public record ScoredItem(String itemId, double score, String because) {
    public ScoredItem(String itemId, double score) {
        this(itemId, score, null);
    }
}
