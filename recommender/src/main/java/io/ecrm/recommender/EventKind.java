package io.ecrm.recommender;

/**
 * The kinds of visitor action the recommender learns from. It mirrors the product event types of
 * the clickstream schema without depending on it, so this module stays free of I/O concerns.
 */
public enum EventKind {
    VIEW,
    ADD_TO_CART,
    REMOVE_FROM_CART,
    PURCHASE
}
