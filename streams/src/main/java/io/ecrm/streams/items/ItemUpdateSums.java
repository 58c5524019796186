package io.ecrm.streams.items;

import io.ecrm.recommender.ItemUpdate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Sums item updates per item, so that the updates of many events travel to the item side as one
 * record per item: counts are sums, so the item side ends with the same counts either way, and
 * a popular item costs one record per flush instead of one per event. Each event is also counted
 * by kind for its own item.
 */
public final class ItemUpdateSums {
    private final Map<String, Double> ownWeights = new HashMap<>();
    private final Map<String, Map<String, Double>> coWeights = new HashMap<>();
    private final Map<String, long[]> kinds = new HashMap<>();

    /** Adds one event's updates, and counts the event for its own item (the first update's). */
    public void add(PendingEvent event) {
        event.updates().forEach(this::add);
        if (!event.updates().isEmpty()) {
            long[] counts = kinds.computeIfAbsent(event.updates().get(0).itemId(), k -> new long[3]);
            switch (event.kind()) {
                case VIEW -> counts[0]++;
                case ADD_TO_CART -> counts[1]++;
                case PURCHASE -> counts[2]++;
                case REMOVE_FROM_CART -> { }
            }
        }
    }

    void add(ItemUpdate update) {
        ownWeights.merge(update.itemId(), update.ownWeight(), Double::sum);
        if (!update.coWeights().isEmpty()) {
            Map<String, Double> sums = coWeights.computeIfAbsent(update.itemId(), k -> new HashMap<>());
            update.coWeights().forEach((item, weight) -> sums.merge(item, weight, Double::sum));
        }
    }

    /** One delta per item, in item order (so that replays send the same records). */
    public List<ItemDelta> sums() {
        List<ItemDelta> sums = new ArrayList<>(ownWeights.size());
        new TreeMap<>(ownWeights).forEach((item, own) -> {
            long[] counts = kinds.getOrDefault(item, new long[3]);
            sums.add(new ItemDelta(new ItemUpdate(item, own, coWeights.getOrDefault(item, Map.of())),
                    counts[0], counts[1], counts[2]));
        });
        return sums;
    }
}
