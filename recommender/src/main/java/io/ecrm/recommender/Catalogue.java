package io.ecrm.recommender;

/** The catalogue as the business rules read it: an item's category and whether it may be shown. */
@FunctionalInterface
public interface Catalogue {
    /** A catalogue that knows no item: every item is available and in no category. */
    Catalogue NONE = itemId -> ItemAttributes.UNKNOWN;

    /** The item's attributes; {@link ItemAttributes#UNKNOWN} when the catalogue does not hold it. */
    ItemAttributes attributes(String itemId);
}
