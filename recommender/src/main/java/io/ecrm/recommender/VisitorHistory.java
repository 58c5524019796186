package io.ecrm.recommender;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the recommender remembers of one visitor: their most recent distinct items, newest first,
 * what they bought, and what recommendation lists showed them that they left alone
 * ({@link ShownItems}). Immutable; {@link #observe} returns the next history together with the
 * co-occurrence and sequential updates the event causes, so the streaming topology and offline
 * training share exactly this logic.
 */
public record VisitorHistory(List<RecentItem> recent, List<String> purchased, ShownItems shown) {
    public static final VisitorHistory EMPTY = new VisitorHistory(List.of(), List.of());

    /** One item the visitor touched, with the weight of their strongest action on it. */
    public record RecentItem(String itemId, double weight, long timestampMillis) {
    }

    /**
     * The history after an event, and what the event adds to item counts.
     *
     * @param updates co-occurrence updates: the item's own weight and, both ways, its pairs with recent items
     * @param follows sequential updates, one per recent item i the new item j follows: keyed by i, adding
     *                w / d to follow(i, j) and to i's follow total, where d is j's distance from i (1 for
     *                the item just before) and w the pair's weight; so near successors count most, as in
     *                sequential rules (Kamehkhosh et al. 2017)
     */
    public record Observed(VisitorHistory history, List<ItemUpdate> updates, List<ItemUpdate> follows) {
        public Observed {
            updates = List.copyOf(updates);
            follows = List.copyOf(follows);
        }

        public Observed(VisitorHistory history, List<ItemUpdate> updates) {
            this(history, updates, List.of());
        }
    }

    public VisitorHistory {
        recent = List.copyOf(recent);
        purchased = List.copyOf(purchased);
        shown = shown == null ? ShownItems.NONE : shown;
    }

    /** A history of a visitor never shown a recommendation list. */
    public VisitorHistory(List<RecentItem> recent, List<String> purchased) {
        this(recent, purchased, ShownItems.NONE);
    }

    /** This history after a recommendation list showed {@code itemIds} at {@code timestampMillis}. */
    public VisitorHistory shown(List<String> itemIds, long timestampMillis) {
        return new VisitorHistory(recent, purchased, shown.shown(itemIds, timestampMillis));
    }

    public List<String> recentItemIds() {
        String[] ids = new String[recent.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = recent.get(i).itemId();
        }
        return List.of(ids); // an immutable list that List.copyOf keeps as it is
    }

    /**
     * Records one product event. The item pairs with up to {@code cooccurrenceWindow} of the
     * visitor's most recent other items seen within {@code cooccurrenceWindowMillis}; a pair is
     * weighted by the weaker of its two actions, so a view next to a purchase counts as a view.
     * Unless {@code countRepeatClicks}, a repeat (the item is among the recent ones, by an action
     * at least as strong) adds no count and no pair: those were counted when it was first seen.
     * Cost is O(window), whatever the visitor's or the catalogue's size.
     */
    public Observed observe(String itemId, EventKind kind, long timestampMillis, RecommenderSettings settings) {
        double weight = settings.weightOf(kind);
        List<String> nextPurchased = purchased;
        if (kind == EventKind.PURCHASE) {
            nextPurchased = prepend(purchased, itemId, settings.purchasedItemsPerVisitor());
        }
        ShownItems nextShown = shown.cameBack(itemId);
        if (weight == 0.0) {
            return new Observed(new VisitorHistory(recent, nextPurchased, nextShown), List.of());
        }
        boolean counts = settings.countRepeatClicks() || !recentWithin(itemId, weight);
        Map<String, Double> coWeights = new LinkedHashMap<>();
        List<ItemUpdate> updates = new ArrayList<>();
        List<ItemUpdate> follows = new ArrayList<>();
        int paired = 0;
        for (RecentItem other : recent) {
            if (paired == settings.cooccurrenceWindow()) {
                break;
            }
            if (other.itemId().equals(itemId)) {
                continue;
            }
            paired++;
            if (Math.abs(timestampMillis - other.timestampMillis()) > settings.cooccurrenceWindowMillis()) {
                continue;
            }
            double pairWeight = Math.min(weight, other.weight());
            if (counts) {
                coWeights.put(other.itemId(), pairWeight);
                updates.add(new ItemUpdate(other.itemId(), 0.0, Map.of(itemId, pairWeight)));
            }
            double followWeight = pairWeight / paired;
            follows.add(new ItemUpdate(other.itemId(), followWeight, Map.of(itemId, followWeight)));
        }
        if (counts) {
            updates.add(0, new ItemUpdate(itemId, weight, coWeights));
        }
        return new Observed(new VisitorHistory(touch(itemId, weight, timestampMillis, settings), nextPurchased, nextShown),
                updates, follows);
    }

    /** Whether the item is among the recent ones with a weight of at least {@code weight}. */
    private boolean recentWithin(String itemId, double weight) {
        for (RecentItem item : recent) {
            if (item.itemId().equals(itemId)) {
                return item.weight() >= weight;
            }
        }
        return false;
    }

    private List<RecentItem> touch(String itemId, double weight, long timestampMillis, RecommenderSettings settings) {
        List<RecentItem> next = new ArrayList<>(Math.min(recent.size() + 1, settings.recentItemsPerVisitor()));
        double strongest = weight;
        for (RecentItem item : recent) {
            if (item.itemId().equals(itemId)) {
                strongest = Math.max(strongest, item.weight());
            }
        }
        next.add(new RecentItem(itemId, strongest, timestampMillis));
        for (RecentItem item : recent) {
            if (next.size() == settings.recentItemsPerVisitor()) {
                break;
            }
            if (!item.itemId().equals(itemId)) {
                next.add(item);
            }
        }
        return next;
    }

    private static List<String> prepend(List<String> items, String item, int max) {
        List<String> next = new ArrayList<>(Math.min(items.size() + 1, max));
        next.add(item);
        for (String other : items) {
            if (next.size() == max) {
                break;
            }
            if (!other.equals(item)) {
                next.add(other);
            }
        }
        return next;
    }

    /**
     * This history with another one of the same person (an anonymous visitor who turned out to be
     * this customer): recent items interleaved newest first, each once with its strongest weight,
     * the purchases and the ignored showings of both, within the same bounds.
     */
    public VisitorHistory merge(VisitorHistory other, RecommenderSettings settings) {
        List<RecentItem> all = new ArrayList<>(recent);
        all.addAll(other.recent);
        all.sort((a, b) -> Long.compare(b.timestampMillis(), a.timestampMillis()));
        Map<String, RecentItem> newestFirst = new LinkedHashMap<>();
        for (RecentItem item : all) {
            RecentItem kept = newestFirst.get(item.itemId());
            if (kept == null) {
                if (newestFirst.size() < settings.recentItemsPerVisitor()) {
                    newestFirst.put(item.itemId(), item);
                }
            } else if (item.weight() > kept.weight()) {
                newestFirst.put(item.itemId(), new RecentItem(kept.itemId(), item.weight(), kept.timestampMillis()));
            }
        }
        List<String> bought = new ArrayList<>(purchased);
        for (String item : other.purchased) {
            if (bought.size() < settings.purchasedItemsPerVisitor() && !bought.contains(item)) {
                bought.add(item);
            }
        }
        return new VisitorHistory(new ArrayList<>(newestFirst.values()), bought, shown.merge(other.shown));
    }

    /** Items a recommendation for this visitor should not show again. */
    public Set<String> seenAndBought() {
        Set<String> items = new HashSet<>(purchased);
        recent.forEach(r -> items.add(r.itemId()));
        return items;
    }
}
