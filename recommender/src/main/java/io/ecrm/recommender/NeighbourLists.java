package io.ecrm.recommender;

/**
 * One kind of item-to-item list by item: its similar items (from co-occurrence) or the items that
 * follow it (from the sequential counts); in the streaming path, a read of a global store.
 */
@FunctionalInterface
public interface NeighbourLists {
    /** Lists of no item. */
    NeighbourLists NONE = itemId -> ItemNeighbours.NONE;

    /** The item's list, best first; {@link ItemNeighbours#NONE} when unknown. */
    ItemNeighbours of(String itemId);
}
