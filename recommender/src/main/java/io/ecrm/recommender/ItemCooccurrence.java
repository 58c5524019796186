package io.ecrm.recommender;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The counts of one item: its own weighted count and the weighted counts of items seen with it.
 * Mutable, owned by the one task (or training loop) that holds the item. Memory per item is
 * bounded: past {@code maxCandidates} co-items the weakest are pruned.
 */
public final class ItemCooccurrence {
    private double weight;
    private final Map<String, Double> coWeights;

    public ItemCooccurrence() {
        this(0.0, new HashMap<>());
    }

    public ItemCooccurrence(double weight, Map<String, Double> coWeights) {
        this.weight = weight;
        this.coWeights = new HashMap<>(coWeights);
    }

    public double weight() {
        return weight;
    }

    /** A read-only view of the co-item weights. */
    public Map<String, Double> coWeights() {
        return Collections.unmodifiableMap(coWeights);
    }

    /**
     * Adds an update. Pruning waits until the map is a quarter over its bound, so that its cost
     * (a sort) is paid once per many updates rather than on each one.
     */
    public void apply(ItemUpdate update, int maxCandidates) {
        weight += update.ownWeight();
        update.coWeights().forEach((item, w) -> coWeights.merge(item, w, Double::sum));
        if (coWeights.size() > maxCandidates + maxCandidates / 4) {
            prune(maxCandidates);
        }
    }

    /** Keeps the {@code maxCandidates} strongest co-items (ties broken by id, so replays agree). */
    public void prune(int maxCandidates) {
        weakest(maxCandidates).forEach(coWeights::remove);
    }

    /** The co-items that {@link #prune} would drop: all but the {@code maxCandidates} strongest. */
    public List<String> weakest(int maxCandidates) {
        if (coWeights.size() <= maxCandidates) {
            return List.of();
        }
        List<Map.Entry<String, Double>> entries = new ArrayList<>(coWeights.entrySet());
        entries.sort(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        return entries.subList(maxCandidates, entries.size()).stream().map(Map.Entry::getKey).toList();
    }
}
