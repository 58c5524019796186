package io.ecrm.recommender;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What recommendation lists showed a visitor that the visitor left alone: per item, the times of its
 * latest showings since the visitor last touched it, newest first. An item the visitor views, adds
 * or buys leaves (they came back to it). Immutable, bounded: the {@link #ITEMS_KEPT} items shown
 * most recently, each with its {@link #SHOWINGS_KEPT} latest showings. How much a showing demotes
 * and when an item is hidden is the ranking's to judge ({@link ImpressionSettings#judge}), so a
 * tenant's settings change what is shown at once, without relearning.
 */
public record ShownItems(List<Shown> items) {
    public static final ShownItems NONE = new ShownItems(List.of());
    /** Items kept per visitor: a few lists' worth. */
    public static final int ITEMS_KEPT = 50;
    /** Showings kept per item: enough to hide after up to this many ignored showings. */
    public static final int SHOWINGS_KEPT = 8;

    /** One item shown and not touched since, with its showings' times (epoch milliseconds), newest first. */
    public record Shown(String itemId, List<Long> showings) {
        public Shown {
            showings = List.copyOf(showings);
        }
    }

    public ShownItems {
        items = List.copyOf(items);
    }

    public boolean isEmpty() {
        return items.isEmpty();
    }

    /** After a list of {@code itemIds} was shown at {@code timeMillis}: each of them one showing more, first in the list. */
    public ShownItems shown(List<String> itemIds, long timeMillis) {
        Map<String, Shown> before = new HashMap<>();
        items.forEach(s -> before.put(s.itemId(), s));
        List<Shown> next = new ArrayList<>(Math.min(ITEMS_KEPT, items.size() + itemIds.size()));
        for (String itemId : itemIds) {
            if (next.size() == ITEMS_KEPT) {
                break;
            }
            Shown earlier = before.remove(itemId);
            next.add(new Shown(itemId, withShowing(earlier == null ? List.of() : earlier.showings(), timeMillis)));
        }
        for (Shown other : items) {
            if (next.size() == ITEMS_KEPT) {
                break;
            }
            if (before.containsKey(other.itemId())) {
                next.add(other);
            }
        }
        return new ShownItems(next);
    }

    /** After the visitor touched {@code itemId}: its showings are forgotten. */
    public ShownItems cameBack(String itemId) {
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).itemId().equals(itemId)) {
                List<Shown> next = new ArrayList<>(items);
                next.remove(i);
                return new ShownItems(next);
            }
        }
        return this;
    }

    /** These showings with another visitor's of the same person: each item's showings of both, newest first, within the bounds. */
    public ShownItems merge(ShownItems other) {
        if (other.isEmpty()) {
            return this;
        }
        Map<String, List<Long>> times = new HashMap<>();
        List<String> order = new ArrayList<>();
        for (List<Shown> side : List.of(items, other.items)) {
            for (Shown s : side) {
                if (times.computeIfAbsent(s.itemId(), id -> new ArrayList<>()).isEmpty()) {
                    order.add(s.itemId());
                }
                times.get(s.itemId()).addAll(s.showings());
            }
        }
        List<Shown> merged = new ArrayList<>(order.size());
        for (String itemId : order) {
            List<Long> all = times.get(itemId);
            all.sort((a, b) -> Long.compare(b, a));
            merged.add(new Shown(itemId, all.subList(0, Math.min(SHOWINGS_KEPT, all.size()))));
        }
        merged.sort((a, b) -> Long.compare(b.showings().get(0), a.showings().get(0)));
        return new ShownItems(merged.subList(0, Math.min(ITEMS_KEPT, merged.size())));
    }

    private static List<Long> withShowing(List<Long> showings, long timeMillis) {
        List<Long> next = new ArrayList<>(Math.min(SHOWINGS_KEPT, showings.size() + 1));
        next.add(timeMillis);
        for (int i = 0; i < showings.size() && next.size() < SHOWINGS_KEPT; i++) {
            next.add(showings.get(i));
        }
        return next;
    }
}
