package io.ecrm.streams;

import io.ecrm.recommender.ItemCooccurrence;
import io.ecrm.recommender.ItemNeighbours;
import io.ecrm.recommender.ItemUpdate;
import io.ecrm.recommender.RecommenderSettings;
import io.ecrm.streams.items.ItemActivity;
import io.ecrm.streams.items.ItemChange;
import io.ecrm.streams.items.ItemDelta;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Item side: adds co-occurrence and follows updates to each item's counts, keeps its activity (events by
 * kind, decayed counts for popularity and trending) and marks the item changed. Every
 * {@code neighbourRefreshMillis} of wall-clock time it publishes the changed items' counts and,
 * for those whose change is due ({@link ItemChange#due}), recomputes their neighbour and follows
 * lists, publishes their activity and prunes their weakest co-items. So scoring is paid once per
 * item and interval rather than once per event, and a popular item, whose lists one more event
 * hardly moves, pays it at most once per {@code neighbourMaxWaitMillis}: without that, every
 * refresh re-read the pairs of nearly every item, and the stream thread fell behind as the pairs
 * filled up ({@code ecrm bench soak}).
 * <p>
 * Counts are stored one small value per key ({@code item} for its weight, {@code item NUL co-item}
 * for a pair) so that an update writes a few bytes, not the item's whole co-item map.
 */
final class ItemCountsProcessor implements Processor<String, ItemDelta, String, Object> {
    static final String COUNTS_SINK = "item-counts-sink";
    static final String NEIGHBOURS_SINK = "item-neighbours-sink";
    static final String ACTIVITY_SINK = "item-activity-sink";
    static final String FOLLOWS_SINK = "item-follows-sink";
    private static final char PAIR_SEPARATOR = '\u0000';
    private static final StringSerializer KEYS = new StringSerializer();

    private final RecommenderSettings settings;
    private final StreamsSettings streams;
    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, Double> weights;
    private KeyValueStore<String, Double> pairs;
    private KeyValueStore<String, Long> dirty;
    /** What changed of each dirty item, in item order; an item's first change also marks it in {@link #dirty}. */
    private final Map<String, ItemChange> changes = new TreeMap<>();
    private KeyValueStore<String, ItemActivity> activity;
    private KeyValueStore<String, Double> follows;
    private KeyValueStore<String, Double> globalCounts;

    ItemCountsProcessor(RecommenderSettings settings, StreamsSettings streams) {
        this.settings = settings;
        this.streams = streams;
    }

    static String pairKey(String item, String coItem) {
        return item + PAIR_SEPARATOR + coItem;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.weights = context.getStateStore(Stores.ITEM_WEIGHTS);
        this.pairs = context.getStateStore(Stores.ITEM_PAIRS);
        this.dirty = context.getStateStore(Stores.DIRTY_ITEMS);
        this.activity = context.getStateStore(Stores.ITEM_ACTIVITY);
        this.follows = context.getStateStore(Stores.ITEM_FOLLOWS);
        this.globalCounts = context.getStateStore(Stores.ITEM_COUNTS);
        // items marked before a restart: how much they changed was in memory, so their lists are due
        changes.clear();
        try (KeyValueIterator<String, Long> it = dirty.all()) {
            it.forEachRemaining(kv -> changes.put(kv.key, ItemChange.UNKNOWN));
        }
        context.schedule(Duration.ofMillis(streams.neighbourRefreshMillis()), PunctuationType.WALL_CLOCK_TIME, this::refresh);
    }

    @Override
    public void process(Record<String, ItemDelta> record) {
        ItemDelta delta = record.value();
        if (record.key() == null || delta == null) {
            return;
        }
        ItemUpdate update = delta.update();
        String item = record.key();
        if (update.ownWeight() != 0.0 || delta.views() + delta.carts() + delta.purchases() > 0) {
            ItemActivity before = activity.get(item);
            activity.put(item, (before == null ? ItemActivity.NONE : before)
                    .add(delta.views(), delta.carts(), delta.purchases(), update.ownWeight(), record.timestamp()));
        }
        if (update.ownWeight() != 0.0) {
            add(weights, item, update.ownWeight());
            add(weights, Stores.PARTITION_TOTAL, update.ownWeight());
        }
        update.coWeights().forEach((coItem, weight) -> add(pairs, pairKey(item, coItem), weight));
        ItemUpdate next = delta.follows();
        if (next.ownWeight() != 0.0) {
            add(follows, item, next.ownWeight());
        }
        next.coWeights().forEach((nextItem, weight) -> add(follows, pairKey(item, nextItem), weight));
        ItemChange change = changes.get(item);
        if (change == null) {
            dirty.put(item, record.timestamp());
            changes.put(item, ItemChange.first(context.currentSystemTimeMs(), update.ownWeight()));
        } else {
            changes.put(item, change.plus(update.ownWeight()));
        }
    }

    private static void add(KeyValueStore<String, Double> store, String key, double amount) {
        Double before = store.get(key);
        store.put(key, before == null ? amount : before + amount);
    }

    /** The item's counts as the recommender's value, read back from the per-pair keys. */
    ItemCooccurrence cooccurrence(String item) {
        return counts(weights, pairs, item);
    }

    /** An item's own weight from {@code own} and its pairs from {@code pairStore}, as the recommender's value. */
    private static ItemCooccurrence counts(KeyValueStore<String, Double> own, KeyValueStore<String, Double> pairStore,
                                           String item) {
        Double weight = own.get(item);
        Map<String, Double> coWeights = new HashMap<>();
        String prefix = item + PAIR_SEPARATOR;
        try (KeyValueIterator<String, Double> it = pairStore.prefixScan(prefix, KEYS)) {
            it.forEachRemaining(kv -> coWeights.put(kv.key.substring(prefix.length()), kv.value));
        }
        return new ItemCooccurrence(weight == null ? 0.0 : weight, coWeights);
    }

    /** Keeps the item's strongest pairs in the store, and in the value; answers the value. */
    private ItemCooccurrence pruned(KeyValueStore<String, Double> pairStore, String itemId, ItemCooccurrence item) {
        for (String weakest : item.weakest(settings.maxCandidatesPerItem())) {
            pairStore.delete(pairKey(itemId, weakest));
        }
        item.prune(settings.maxCandidatesPerItem());
        return item;
    }

    private void refresh(long now) {
        if (changes.isEmpty()) {
            return;
        }
        Double partitionTotal = weights.get(Stores.PARTITION_TOTAL);
        if (partitionTotal != null) {
            String key = Stores.TOTAL_PREFIX + context.taskId().partition();
            context.forward(new Record<>(key, (Object) partitionTotal, now), COUNTS_SINK);
        }
        double total = tenantTotal();
        Map<String, Double> countsSeen = new HashMap<>(); // co-items recur across items: read each count once
        ToDoubleFunction<String> countOf = id -> countsSeen.computeIfAbsent(id, this::countOf);
        for (Map.Entry<String, ItemChange> entry : List.copyOf(changes.entrySet())) {
            String itemId = entry.getKey();
            ItemChange change = entry.getValue();
            Double weight = weights.get(itemId);
            double own = weight == null ? 0.0 : weight;
            if (change.countPending()) {
                context.forward(new Record<>(itemId, (Object) own, now), COUNTS_SINK);
            }
            if (!change.due(own, now, streams.neighbourGrowth(), streams.neighbourMaxWaitMillis())) {
                if (change.countPending()) {
                    changes.put(itemId, change.countPublished());
                }
                continue;
            }
            changes.remove(itemId);
            dirty.delete(itemId);
            ItemCooccurrence item = pruned(pairs, itemId, cooccurrence(itemId));
            ItemNeighbours neighbours = ItemNeighbours.score(item, countOf, total, settings.maxNeighboursPerItem(),
                    settings.similarity());
            context.forward(new Record<>(itemId, (Object) neighbours, now), NEIGHBOURS_SINK);
            ItemCooccurrence next = counts(follows, follows, itemId);
            if (next.weight() > 0) {
                context.forward(new Record<>(itemId, (Object) ItemNeighbours.follows(pruned(follows, itemId, next),
                        settings.maxNeighboursPerItem()), now), FOLLOWS_SINK);
            }
            ItemActivity itemActivity = activity.get(itemId);
            if (itemActivity != null) {
                context.forward(new Record<>(itemId, (Object) itemActivity, now), ACTIVITY_SINK);
            }
        }
    }

    /**
     * An item's weighted count: this partition's own, up to date, when the item belongs to it; else
     * the count its partition last published. So with one partition the lists are exactly those of
     * offline training on the same events.
     */
    private double countOf(String itemId) {
        Double own = weights.get(itemId);
        if (own != null) {
            return own;
        }
        Double count = globalCounts.get(itemId);
        return count == null ? 0.0 : count;
    }

    /** The sum of every partition's total, as last published; at least this partition's own. */
    private double tenantTotal() {
        double total = 0.0;
        try (KeyValueIterator<String, Double> it = globalCounts.range(Stores.TOTAL_PREFIX, Stores.TOTAL_PREFIX + '\uffff')) {
            while (it.hasNext()) {
                KeyValue<String, Double> kv = it.next();
                total += kv.value;
            }
        }
        Double own = weights.get(Stores.PARTITION_TOTAL);
        return Math.max(total, own == null ? 0.0 : own);
    }
}
