package io.ecrm.recommender.evaluation;

import java.util.ArrayList;
import java.util.List;

/**
 * A session's items in time order, the time of its last click, and the time of each click.
 */
public record Session(String id, List<String> items, long endMillis, List<Long> clickMillis) {
    public Session {
        items = List.copyOf(items);
        clickMillis = List.copyOf(clickMillis);
        if (clickMillis.size() != items.size()) {
            throw new IllegalArgumentException("one time per click");
        }
    }

    /** A session whose clicks are one second apart, ending at {@code endMillis}. */
    public Session(String id, List<String> items, long endMillis) {
        this(id, items, endMillis, spaced(items.size(), endMillis));
    }

    private static List<Long> spaced(int n, long endMillis) {
        List<Long> times = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            times.add(endMillis - (n - 1 - k) * 1000L);
        }
        return times;
    }

    public int length() {
        return items.size();
    }
}
