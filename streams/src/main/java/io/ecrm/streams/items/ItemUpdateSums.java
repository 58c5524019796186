package io.ecrm.streams.items;

import io.ecrm.recommender.EventKind;
import io.ecrm.recommender.ItemUpdate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ObjDoubleConsumer;

/**
 * Sums item updates per item, so that the updates of many events travel to the item side as one
 * record per item: counts are sums, so the item side ends with the same counts either way, and
 * a popular item costs one record per flush instead of one per event. Co-occurrence and follows
 * are summed apart; each event is also counted by kind for its own item.
 */
public final class ItemUpdateSums {
    private final Map<String, ItemSum> items = new HashMap<>();

    /** What is summed for one item: the same fields as an {@link ItemDelta}, written without building one. */
    public static final class ItemSum {
        private final String itemId;
        private double ownWeight;
        private final WeightTable coWeights = new WeightTable();
        private double followWeight;
        private final WeightTable follows = new WeightTable();
        private long views;
        private long carts;
        private long purchases;

        private ItemSum(String itemId) {
            this.itemId = itemId;
        }

        public String itemId() {
            return itemId;
        }

        /** The summed co-occurrence update's own weight. */
        public double ownWeight() {
            return ownWeight;
        }

        public int coWeightCount() {
            return coWeights.size();
        }

        public void forEachCoWeight(ObjDoubleConsumer<String> action) {
            coWeights.forEach(action);
        }

        /** The summed follows update's own weight: how much followed this item. */
        public double followWeight() {
            return followWeight;
        }

        public int followCount() {
            return follows.size();
        }

        public void forEachFollow(ObjDoubleConsumer<String> action) {
            follows.forEach(action);
        }

        public long views() {
            return views;
        }

        public long carts() {
            return carts;
        }

        public long purchases() {
            return purchases;
        }
    }

    /** Adds one event's updates, and counts the event for its own item (the first update's). */
    public void add(EventKind kind, List<ItemUpdate> updates, List<ItemUpdate> followUpdates) {
        for (ItemUpdate update : updates) {
            ItemSum sum = sumOf(update.itemId());
            sum.ownWeight += update.ownWeight();
            update.coWeights().forEach(sum.coWeights::add);
        }
        for (ItemUpdate update : followUpdates) {
            ItemSum sum = sumOf(update.itemId());
            sum.followWeight += update.ownWeight();
            update.coWeights().forEach(sum.follows::add);
        }
        if (!updates.isEmpty()) {
            ItemSum own = sumOf(updates.get(0).itemId());
            switch (kind) {
                case VIEW -> own.views++;
                case ADD_TO_CART -> own.carts++;
                case PURCHASE -> own.purchases++;
                case REMOVE_FROM_CART -> { }
            }
        }
    }

    private ItemSum sumOf(String itemId) {
        ItemSum sum = items.get(itemId);
        if (sum == null) {
            sum = new ItemSum(itemId);
            items.put(itemId, sum);
        }
        return sum;
    }

    /** Whether nothing was added since this was made. */
    public boolean isEmpty() {
        return items.isEmpty();
    }

    /** One sum per item, in item order (so that replays send the same records). */
    public List<ItemSum> sums() {
        String[] ids = items.keySet().toArray(String[]::new);
        Arrays.sort(ids);
        List<ItemSum> sums = new ArrayList<>(ids.length);
        for (String id : ids) {
            sums.add(items.get(id));
        }
        return sums;
    }
}
