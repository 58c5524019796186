package io.ecrm.recommender;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Keeps the k highest-scored items offered to it, in O(log k) per offer. Ties are broken by item id
 * so that every answer is deterministic.
 */
public final class TopK {
    static final Comparator<ScoredItem> BEST_FIRST = Comparator.comparingDouble(ScoredItem::score).reversed()
            .thenComparing(ScoredItem::itemId);

    private final int k;
    private final PriorityQueue<ScoredItem> heap;

    public TopK(int k) {
        if (k < 0) {
            throw new IllegalArgumentException("k must be at least 0, was " + k);
        }
        this.k = k;
        this.heap = new PriorityQueue<>(Math.max(1, k), BEST_FIRST.reversed());
    }

    public void offer(ScoredItem item) {
        if (k == 0) {
            return;
        }
        if (heap.size() < k) {
            heap.add(item);
        } else if (BEST_FIRST.compare(item, heap.peek()) < 0) {
            heap.poll();
            heap.add(item);
        }
    }

    /** The kept items, best first. */
    public List<ScoredItem> best() {
        List<ScoredItem> items = new ArrayList<>(heap);
        items.sort(BEST_FIRST);
        return items;
    }
}
