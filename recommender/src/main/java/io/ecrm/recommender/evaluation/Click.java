package io.ecrm.recommender.evaluation;

/** One click of a data set: a session, an item and when. */
public record Click(String sessionId, String itemId, long timestampMillis) {
}
