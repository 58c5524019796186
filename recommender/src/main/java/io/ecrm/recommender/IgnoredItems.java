package io.ecrm.recommender;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A visitor's ignored showings as the ranking applies them at {@code nowMillis}
 * ({@link ImpressionSettings#judge}): each shown item's score factor, and whether it is hidden.
 * Computed item by item as the ranking asks, so that a query allocates nothing for it.
 */
public record IgnoredItems(ShownItems shown, ImpressionSettings settings, long nowMillis) {
    public static final IgnoredItems NONE = new IgnoredItems(ShownItems.NONE, ImpressionSettings.DEFAULTS, 0);

    /**
     * The item's score factor: the penalty to the power of its showings, each weighted by half
     * for every half-life since it; 1 for an item never shown.
     */
    public double factor(ShownItems.Shown item) {
        double weight = 0;
        List<Long> showings = item.showings();
        for (int i = 0; i < showings.size(); i++) {
            weight += Math.pow(0.5, Math.max(0, nowMillis - showings.get(i)) / (double) settings.ignoredHalfLifeMillis());
        }
        return Math.exp(Math.log(settings.ignoredPenalty()) * weight);
    }

    /** Whether the item was shown {@code hideAfterIgnored} times within the hide window. */
    public boolean hidden(ShownItems.Shown item) {
        int n = settings.hideAfterIgnored();
        List<Long> showings = item.showings();
        return n > 0 && showings.size() >= n && nowMillis - showings.get(n - 1) <= settings.hideWindowMillis();
    }

    /** The factor of the item of this id (a search: for inspection, not the ranking's loop). */
    public double factor(String itemId) {
        for (ShownItems.Shown item : shown.items()) {
            if (item.itemId().equals(itemId)) {
                return factor(item);
            }
        }
        return 1.0;
    }

    /** The ids of the hidden items. */
    public Set<String> hidden() {
        Set<String> hidden = new HashSet<>();
        for (ShownItems.Shown item : shown.items()) {
            if (hidden(item)) {
                hidden.add(item.itemId());
            }
        }
        return hidden;
    }
}
