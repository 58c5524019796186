package io.ecrm.streams;

import io.ecrm.recommender.RecommenderSettings;
import io.ecrm.recommender.VisitorHistory;
import io.ecrm.schemas.ClickEvent;
import io.ecrm.streams.items.ItemDelta;
import io.ecrm.streams.items.ItemUpdateSums;
import io.ecrm.streams.items.PendingEvent;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.internals.ProcessorNode;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Visitor side: keeps each visitor's history and turns each product event into co-occurrence
 * updates keyed by item, for the item side to apply.
 * <p>
 * A product event touches up to {@code cooccurrenceWindow + 1} items. Its updates are summed per
 * item in memory ({@link ItemUpdateSums}) and sent just before each commit ({@link BeforeCommit}),
 * one record per distinct item: in the transaction that commits the events they came from, so
 * they are counted exactly once without a changelogged buffer.
 * <p>
 * {@link Stores#PENDING_ITEM_UPDATES} is that buffer as earlier versions kept it, one entry per
 * event: its changelog is still restored, and whatever it holds is sent with the next commit and
 * deleted, so a data dir written before keeps every update.
 */
final class VisitorEventsProcessor implements Processor<String, ClickEvent, String, ItemDelta> {
    /** The {@link BeforeCommit} that runs {@link #send()}: holds no data, so it is no store of {@link Stores}. */
    static final String BEFORE_COMMIT = "visitor-commit";
    private final RecommenderSettings settings;
    private ProcessorContext<String, ItemDelta> context;
    private ProcessorNode<?, ?, ?, ?> node;
    private KeyValueStore<String, VisitorHistory> histories;
    private KeyValueStore<Long, PendingEvent> earlierPending;
    private ItemUpdateSums sums = new ItemUpdateSums();

    VisitorEventsProcessor(RecommenderSettings settings) {
        this.settings = settings;
    }

    @Override
    public void init(ProcessorContext<String, ItemDelta> context) {
        this.context = context;
        this.node = BeforeCommit.currentNode(context);
        this.histories = context.getStateStore(Stores.VISITOR_HISTORY);
        this.earlierPending = context.getStateStore(Stores.PENDING_ITEM_UPDATES);
        this.sums = new ItemUpdateSums();
        context.<BeforeCommit>getStateStore(BEFORE_COMMIT).beforeEachCommit(this::send);
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
                sums.add(kind, observed.updates(), observed.follows());
            }
        });
    }

    /** Sends the updates summed since the last commit, one record per item. */
    private void send() {
        if (earlierPending.approximateNumEntries() > 0) { // an in-memory store: its size, exactly
            takeEarlierPending();
        }
        if (sums.isEmpty()) {
            return;
        }
        // stamped with the task's event time, not the wall clock: the item side's clock stays event time too
        long timestamp = context.currentStreamTimeMs() >= 0 ? context.currentStreamTimeMs() : context.currentSystemTimeMs();
        for (ItemDelta delta : sums.sums()) {
            BeforeCommit.send(context, node, new Record<>(delta.itemId(), delta, timestamp));
        }
        sums = new ItemUpdateSums();
    }

    /** Adds what an earlier version left in its changelogged buffer to the sums, and empties the buffer. */
    private void takeEarlierPending() {
        List<Long> taken = new ArrayList<>();
        try (KeyValueIterator<Long, PendingEvent> it = earlierPending.all()) {
            while (it.hasNext()) {
                KeyValue<Long, PendingEvent> entry = it.next();
                sums.add(entry.value.kind(), entry.value.updates(), entry.value.follows());
                taken.add(entry.key);
            }
        }
        taken.forEach(earlierPending::delete);
    }
}
