package io.ecrm.recommender;

/**
 * What the business rules need to know of an item from the catalogue.
 *
 * @param category  the item's category, or null when unknown
 * @param available false for an item that must not be shown (out of stock, withdrawn)
 */
public record ItemAttributes(String category, boolean available) {
    /** An item the catalogue knows nothing about: shown, in no category. */
    public static final ItemAttributes UNKNOWN = new ItemAttributes(null, true);
}
