package io.ecrm.streams.cleaning;

import io.ecrm.schemas.ClickEvent;
import io.ecrm.streams.Stores;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * The first stage of every tenant's topology, partitioned by visitor: refuses events from the
 * future, events later than the grace period, duplicates within the dedup window, bots by user
 * agent and by behaviour. A refused event goes to the rejected sink with its reason; nothing is
 * dropped without a trace.
 */
public final class CleaningProcessor implements Processor<String, ClickEvent, String, Object> {
    /** The names of the nodes that receive clean events and refused ones. */
    public static final String CLEAN = "identity";
    public static final String REJECTED = "rejected";

    private final CleaningSettings settings;
    private final EventScreen screen;
    private final CleaningMetrics metrics;
    private ProcessorContext<String, Object> context;
    private WindowStore<String, Long> seenEventIds;
    private KeyValueStore<String, VisitorActivity> activity;

    public CleaningProcessor(CleaningSettings settings, BotUserAgents bots, CleaningMetrics metrics) {
        this.settings = settings;
        this.screen = new EventScreen(settings, bots);
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.seenEventIds = context.getStateStore(Stores.SEEN_EVENT_IDS);
        this.activity = context.getStateStore(Stores.VISITOR_ACTIVITY);
    }

    @Override
    public void process(Record<String, ClickEvent> record) {
        ClickEvent event = record.value();
        if (event == null) {
            return;
        }
        Optional<RejectReason> reason = screen.screen(event, context.currentStreamTimeMs(), context.currentSystemTimeMs());
        if (reason.isEmpty() && seenWithinWindow(event)) {
            reason = Optional.of(RejectReason.DUPLICATE);
        }
        if (reason.isEmpty()) {
            seenEventIds.put(event.eventId(), event.timestampMillis(), event.timestampMillis());
            VisitorActivity before = activity.get(record.key());
            VisitorActivity after = (before == null ? VisitorActivity.NONE : before).observe(event.timestampMillis(), settings);
            activity.put(record.key(), after);
            if (after.isBotAt(event.timestampMillis())) {
                reason = Optional.of(RejectReason.BOT_BEHAVIOUR);
            }
        }
        if (reason.isPresent()) {
            metrics.rejected(reason.get());
            context.forward(record.withValue((Object) new RejectedEvent(reason.get().code(), event)), REJECTED);
        } else {
            metrics.accepted();
            Record<String, Object> clean = record.withValue((Object) event).withTimestamp(Math.min(event.timestampMillis(), context.currentSystemTimeMs()));
            context.forward(clean, CLEAN);
        }
    }

    private boolean seenWithinWindow(ClickEvent event) {
        long from = event.timestampMillis() - settings.dedupWindowMillis();
        long to = event.timestampMillis() + settings.dedupWindowMillis();
        try (WindowStoreIterator<Long> seen = seenEventIds.fetch(event.eventId(), Instant.ofEpochMilli(Math.max(0, from)),
                Instant.ofEpochMilli(to))) {
            return seen.hasNext();
        }
    }
}
