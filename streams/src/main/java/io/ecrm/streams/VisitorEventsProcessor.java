package io.ecrm.streams;

import io.ecrm.recommender.RecommenderSettings;
import io.ecrm.recommender.VisitorHistory;
import io.ecrm.schemas.ClickEvent;
import io.ecrm.streams.items.ItemDelta;
import io.ecrm.streams.items.ItemUpdateSums;
import io.ecrm.streams.items.PendingEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Visitor side: keeps each visitor's history and turns each product event into co-occurrence
 * updates keyed by item, for the item side to apply.
 * <p>
 * An event's updates are not sent one record each: they wait in {@link Stores#PENDING_ITEM_UPDATES}
 * (one entry per event, changelogged, so they are part of the same exactly-once transaction as
 * the event) and every {@code flushMillis} they go out summed per item ({@link ItemUpdateSums}).
 * A product event touches up to {@code cooccurrenceWindow + 1} items; summing turns that fan-out
 * into one record per distinct item per flush.
 */
final class VisitorEventsProcessor implements Processor<String, ClickEvent, String, ItemDelta> {
    private final RecommenderSettings settings;
    private final long flushMillis;
    private ProcessorContext<String, ItemDelta> context;
    private KeyValueStore<String, VisitorHistory> histories;
    private KeyValueStore<Long, PendingEvent> pending;
    private long nextSequence;

    VisitorEventsProcessor(RecommenderSettings settings, long flushMillis) {
        this.settings = settings;
        this.flushMillis = flushMillis;
    }

    @Override
    public void init(ProcessorContext<String, ItemDelta> context) {
        this.context = context;
        this.histories = context.getStateStore(Stores.VISITOR_HISTORY);
        this.pending = context.getStateStore(Stores.PENDING_ITEM_UPDATES);
        try (KeyValueIterator<Long, PendingEvent> last = pending.reverseAll()) {
            nextSequence = last.hasNext() ? last.next().key + 1 : 0;
        }
        context.schedule(Duration.ofMillis(flushMillis), PunctuationType.WALL_CLOCK_TIME, this::flush);
    }

    @Override
    public void process(Record<String, ClickEvent> record) {
        ClickEvent event = record.value();
        if (record.key() == null || event == null || event.itemId() == null) {
            return;
        }
        EventKinds.of(event.type()).ifPresent(kind -> {
            VisitorHistory history = histories.get(record.key());
            VisitorHistory.Observed observed = (history == null ? VisitorHistory.EMPTY : history)
                    .observe(event.itemId(), kind, event.timestampMillis(), settings);
            histories.put(record.key(), observed.history());
            if (!observed.updates().isEmpty() || !observed.follows().isEmpty()) {
                pending.put(nextSequence++, new PendingEvent(kind, observed.updates(), observed.follows()));
            }
        });
    }

    /** Sends the pending updates, summed per item, and forgets them. */
    private void flush(long now) {
        ItemUpdateSums sums = new ItemUpdateSums();
        List<Long> sent = new ArrayList<>();
        try (KeyValueIterator<Long, PendingEvent> it = pending.all()) {
            while (it.hasNext()) {
                KeyValue<Long, PendingEvent> entry = it.next();
                sums.add(entry.value);
                sent.add(entry.key);
            }
        }
        // stamped with the task's event time, not the wall clock: the item side's clock stays event time too
        long timestamp = context.currentStreamTimeMs() >= 0 ? context.currentStreamTimeMs() : now;
        for (ItemDelta delta : sums.sums()) {
            context.forward(new Record<>(delta.itemId(), delta, timestamp));
        }
        sent.forEach(pending::delete);
    }
}
