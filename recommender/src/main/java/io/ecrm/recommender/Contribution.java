package io.ecrm.recommender;

/**
 * One source's part in an item's score.
 *
 * @param source     the source
 * @param because    the visitor's item that produced it (for session neighbours: the item shared with the
 *                   neighbour that voted most); null for the popularity fill
 * @param similarity how strongly {@code because} points at the item in that source: the item-to-item
 *                   similarity, the share of what followed it, the neighbour session's similarity, the
 *                   recency weight of a repeat, or the popularity relative to the most popular
 * @param score      what the source adds to the item's score
 */
public record Contribution(Source source, String because, double similarity, double score) {
}
