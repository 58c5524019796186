package io.ecrm.streams;

import io.ecrm.recommender.ItemCooccurrence;
import io.ecrm.recommender.ItemNeighbours;
import io.ecrm.recommender.ItemUpdate;
import io.ecrm.recommender.RecommenderSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Item side: applies co-occurrence updates to each item's counts and marks the item changed.
 * Every {@code neighbourRefreshMillis} of wall-clock time it publishes the changed items' counts
 * and recomputes their neighbour lists, so that the cost of scoring is paid once per item and
 * interval rather than once per event.
 */
final class ItemCountsProcessor implements Processor<String, ItemUpdate, String, Object> {
    static final String COUNTS_SINK = "item-counts-sink";
    static final String NEIGHBOURS_SINK = "item-neighbours-sink";

    private final RecommenderSettings settings;
    private final long refreshMillis;
    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, ItemCooccurrence> items;
    private KeyValueStore<String, Long> dirty;
    private KeyValueStore<String, Double> globalCounts;

    ItemCountsProcessor(RecommenderSettings settings, long refreshMillis) {
        this.settings = settings;
        this.refreshMillis = refreshMillis;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.items = context.getStateStore(Stores.ITEM_COOCCURRENCE);
        this.dirty = context.getStateStore(Stores.DIRTY_ITEMS);
        this.globalCounts = context.getStateStore(Stores.ITEM_COUNTS);
        context.schedule(Duration.ofMillis(refreshMillis), PunctuationType.WALL_CLOCK_TIME, this::refresh);
    }

    @Override
    public void process(Record<String, ItemUpdate> record) {
        ItemUpdate update = record.value();
        if (record.key() == null || update == null) {
            return;
        }
        ItemCooccurrence item = items.get(record.key());
        if (item == null) {
            item = new ItemCooccurrence();
        }
        item.apply(update, settings.maxCandidatesPerItem());
        items.put(record.key(), item);
        if (update.ownWeight() != 0.0) {
            ItemCooccurrence total = items.get(Stores.PARTITION_TOTAL);
            double sum = (total == null ? 0.0 : total.weight()) + update.ownWeight();
            items.put(Stores.PARTITION_TOTAL, new ItemCooccurrence(sum, Map.of()));
        }
        dirty.put(record.key(), record.timestamp());
    }

    private void refresh(long now) {
        List<String> changed = new ArrayList<>();
        try (KeyValueIterator<String, Long> it = dirty.all()) {
            it.forEachRemaining(kv -> changed.add(kv.key));
        }
        if (changed.isEmpty()) {
            return;
        }
        ItemCooccurrence partitionTotal = items.get(Stores.PARTITION_TOTAL);
        if (partitionTotal != null) {
            String key = Stores.TOTAL_PREFIX + context.taskId().partition();
            context.forward(new Record<>(key, (Object) partitionTotal.weight(), now), COUNTS_SINK);
        }
        double total = tenantTotal();
        for (String itemId : changed) {
            ItemCooccurrence item = items.get(itemId);
            dirty.delete(itemId);
            if (item == null) {
                continue;
            }
            context.forward(new Record<>(itemId, (Object) item.weight(), now), COUNTS_SINK);
            ItemNeighbours neighbours = ItemNeighbours.score(item, this::countOf, total, settings.maxNeighboursPerItem());
            context.forward(new Record<>(itemId, (Object) neighbours, now), NEIGHBOURS_SINK);
        }
    }

    private double countOf(String itemId) {
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
        ItemCooccurrence own = items.get(Stores.PARTITION_TOTAL);
        return Math.max(total, own == null ? 0.0 : own.weight());
    }
}
