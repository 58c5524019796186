package io.ecrm.serving.http.routes;

import io.ecrm.recommender.ScoredItem;
import java.util.ArrayList;
import java.util.List;

/**
 * One item of a list answer (similar, popular, trending items) as a shop shows it: its
 * {@code position} (1 for the first), so that an impression and a click can say where it was, and
 * its score.
 */
public record ListedItem(String itemId, int position, double score) {
    /** The first {@code count} of {@code items}, numbered from 1. */
    public static List<ListedItem> first(List<ScoredItem> items, int count) {
        int size = Math.min(count, items.size());
        List<ListedItem> listed = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            ScoredItem item = items.get(i);
            listed.add(new ListedItem(item.itemId(), i + 1, item.score()));
        }
        return listed;
    }
}
