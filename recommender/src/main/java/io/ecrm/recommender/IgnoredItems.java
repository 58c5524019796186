package io.ecrm.recommender;

import java.util.Map;
import java.util.Set;

/**
 * A visitor's ignored showings as the ranking applies them now ({@link ImpressionSettings#judge}):
 * the factor of each demoted item's score, and the items not to show again.
 */
public record IgnoredItems(Map<String, Double> factors, Set<String> hidden) {
    public static final IgnoredItems NONE = new IgnoredItems(Map.of(), Set.of());

    public IgnoredItems {
        factors = Map.copyOf(factors);
        hidden = Set.copyOf(hidden);
    }

    /** The item's score factor: 1 for an item not demoted. */
    public double factor(String itemId) {
        Double factor = factors.get(itemId);
        return factor == null ? 1.0 : factor;
    }

    public boolean isEmpty() {
        return factors.isEmpty() && hidden.isEmpty();
    }
}
