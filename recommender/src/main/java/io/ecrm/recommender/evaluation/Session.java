package io.ecrm.recommender.evaluation;

import java.util.List;

/** A session's items in time order, and the time of its last click. */
public record Session(String id, List<String> items, long endMillis) {
    public Session {
        items = List.copyOf(items);
    }

    public int length() {
        return items.size();
    }
}
