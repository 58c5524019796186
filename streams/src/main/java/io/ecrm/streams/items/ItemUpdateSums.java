package io.ecrm.streams.items;

import io.ecrm.recommender.EventKind;
import io.ecrm.recommender.ItemUpdate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Sums item updates per item, so that the updates of many events travel to the item side as one
 * record per item: counts are sums, so the item side ends with the same counts either way, and
 * a popular item costs one record per flush instead of one per event. Co-occurrence and follows
 * are summed apart; each event is also counted by kind for its own item.
 */
public final class ItemUpdateSums {
    private final Sums cooccurrence = new Sums();
    private final Sums follows = new Sums();
    private final Map<String, long[]> kinds = new HashMap<>();

    /** Adds one event's updates, and counts the event for its own item (the first update's). */
    public void add(EventKind kind, List<ItemUpdate> updates, List<ItemUpdate> followUpdates) {
        updates.forEach(cooccurrence::add);
        followUpdates.forEach(follows::add);
        if (!updates.isEmpty()) {
            long[] counts = kinds.computeIfAbsent(updates.get(0).itemId(), k -> new long[3]);
            switch (kind) {
                case VIEW -> counts[0]++;
                case ADD_TO_CART -> counts[1]++;
                case PURCHASE -> counts[2]++;
                case REMOVE_FROM_CART -> { }
            }
        }
    }

    /** Whether nothing was added since this was made. */
    public boolean isEmpty() {
        return cooccurrence.ownWeights.isEmpty() && follows.ownWeights.isEmpty();
    }

    /** One delta per item, in item order (so that replays send the same records). */
    public List<ItemDelta> sums() {
        TreeSet<String> items = new TreeSet<>(cooccurrence.ownWeights.keySet());
        items.addAll(follows.ownWeights.keySet());
        List<ItemDelta> sums = new ArrayList<>(items.size());
        for (String item : items) {
            long[] counts = kinds.getOrDefault(item, new long[3]);
            sums.add(new ItemDelta(cooccurrence.of(item), follows.of(item), counts[0], counts[1], counts[2]));
        }
        return sums;
    }

    /** Own weights and co-item weights, summed per item. */
    private static final class Sums {
        private final Map<String, Double> ownWeights = new HashMap<>();
        private final Map<String, Map<String, Double>> coWeights = new HashMap<>();

        void add(ItemUpdate update) {
            ownWeights.merge(update.itemId(), update.ownWeight(), Double::sum);
            if (!update.coWeights().isEmpty()) {
                Map<String, Double> sums = coWeights.computeIfAbsent(update.itemId(), k -> new HashMap<>());
                update.coWeights().forEach((item, weight) -> sums.merge(item, weight, Double::sum));
            }
        }

        ItemUpdate of(String item) {
            return new ItemUpdate(item, ownWeights.getOrDefault(item, 0.0), coWeights.getOrDefault(item, Map.of()));
        }
    }
}
