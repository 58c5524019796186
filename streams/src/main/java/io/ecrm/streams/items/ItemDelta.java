package io.ecrm.streams.items;

import io.ecrm.recommender.ItemUpdate;

/**
 * What the visitor side sends the item side for one item per flush: the summed co-occurrence
 * update, the summed follows update (what came after the item in visitors' sessions), and the
 * item's own product events by kind.
 */
public record ItemDelta(ItemUpdate update, ItemUpdate follows, long views, long carts, long purchases) {
    public String itemId() {
        return update.itemId();
    }
}
