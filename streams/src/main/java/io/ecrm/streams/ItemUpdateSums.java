package io.ecrm.streams;

import io.ecrm.recommender.ItemUpdate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Sums item updates per item, so that the updates of many events travel to the item side as one
 * record per item: counts are sums, so the item side ends with the same counts either way, and
 * a popular item costs one record per flush instead of one per event.
 */
final class ItemUpdateSums {
    private final Map<String, Double> ownWeights = new HashMap<>();
    private final Map<String, Map<String, Double>> coWeights = new HashMap<>();

    void add(ItemUpdate update) {
        ownWeights.merge(update.itemId(), update.ownWeight(), Double::sum);
        if (!update.coWeights().isEmpty()) {
            Map<String, Double> sums = coWeights.computeIfAbsent(update.itemId(), k -> new HashMap<>());
            update.coWeights().forEach((item, weight) -> sums.merge(item, weight, Double::sum));
        }
    }

    boolean isEmpty() {
        return ownWeights.isEmpty();
    }

    /** One update per item, in item order (so that replays send the same records). */
    List<ItemUpdate> sums() {
        List<ItemUpdate> sums = new ArrayList<>(ownWeights.size());
        new TreeMap<>(ownWeights).forEach((item, own) ->
                sums.add(new ItemUpdate(item, own, coWeights.getOrDefault(item, Map.of()))));
        return sums;
    }
}
