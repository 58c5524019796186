package io.ecrm.streams;

import io.ecrm.recommender.ItemUpdate;
import io.ecrm.recommender.RecommenderSettings;
import io.ecrm.recommender.VisitorHistory;
import io.ecrm.schemas.ClickEvent;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Visitor side: keeps each visitor's history and turns each product event into co-occurrence
 * updates keyed by item, for the item side to apply.
 */
final class VisitorEventsProcessor implements Processor<String, ClickEvent, String, ItemUpdate> {
    private final RecommenderSettings settings;
    private ProcessorContext<String, ItemUpdate> context;
    private KeyValueStore<String, VisitorHistory> histories;

    VisitorEventsProcessor(RecommenderSettings settings) {
        this.settings = settings;
    }

    @Override
    public void init(ProcessorContext<String, ItemUpdate> context) {
        this.context = context;
        this.histories = context.getStateStore(Stores.VISITOR_HISTORY);
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
            for (ItemUpdate update : observed.updates()) {
                context.forward(record.withKey(update.itemId()).withValue(update));
            }
        });
    }
}
