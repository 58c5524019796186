package io.ecrm.streams;

import io.ecrm.recommender.VisitorHistory;
import io.ecrm.streams.cleaning.VisitorActivity;
import io.ecrm.streams.profile.CustomerProfile;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The visitor stores of earlier versions, one per part of what is now a {@link VisitorRecord}:
 * {@link Stores#VISITOR_ACTIVITY}, {@link Stores#CUSTOMER_PROFILES}, {@link Stores#VISITOR_HISTORY},
 * and the dedup window {@link Stores#SEEN_EVENT_IDS} (keyed by event id). They are still
 * registered, so a data dir or changelog written before is restored; before a task processes its
 * first record, every visitor they hold moves into {@link Stores#VISITORS} and is deleted from
 * them (in that first record's transaction). The event ids, keyed by event and not by visitor,
 * cannot move: the dedup check also asks their store for as long as it holds any, which is at
 * most two dedup windows. On a data dir that never had them, each costs one look at start.
 */
final class EarlierVisitorStores {
    private static final Logger LOG = LoggerFactory.getLogger(EarlierVisitorStores.class);

    private final ProcessorContext<?, ?> context;
    private final KeyValueStore<String, VisitorActivity> activity;
    private final KeyValueStore<String, CustomerProfile> profiles;
    private final KeyValueStore<String, VisitorHistory> histories;
    private final WindowStore<String, Long> seenEventIds;
    private boolean moved;
    private boolean holdsEventIds;

    EarlierVisitorStores(ProcessorContext<?, ?> context) {
        this.context = context;
        this.activity = context.getStateStore(Stores.VISITOR_ACTIVITY);
        this.profiles = context.getStateStore(Stores.CUSTOMER_PROFILES);
        this.histories = context.getStateStore(Stores.VISITOR_HISTORY);
        this.seenEventIds = context.getStateStore(Stores.SEEN_EVENT_IDS);
    }

    /**
     * Moves every visitor of the earlier stores into {@code visitors}, once per task; then does nothing.
     *
     * @return whether it moved any entry now
     */
    boolean moveInto(KeyValueStore<String, VisitorRecord> visitors) {
        if (moved) {
            return false;
        }
        moved = true;
        try (var ids = seenEventIds.all()) {
            holdsEventIds = ids.hasNext();
        }
        int count = move(activity, visitors, (visitor, value) -> visitor.withCleaning(value, visitor.eventIds()))
                + move(profiles, visitors, VisitorRecord::withProfile)
                + move(histories, visitors, VisitorRecord::withHistory);
        if (count > 0) {
            LOG.info("task {}: moved {} entries of the earlier visitor stores into {}", context.taskId(), count, Stores.VISITORS);
        }
        return count > 0;
    }

    private static <V> int move(KeyValueStore<String, V> earlier, KeyValueStore<String, VisitorRecord> visitors,
                                BiFunction<VisitorRecord, V, VisitorRecord> into) {
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, V> it = earlier.all()) {
            while (it.hasNext()) {
                KeyValue<String, V> entry = it.next();
                VisitorRecord visitor = visitors.get(entry.key);
                visitors.put(entry.key, into.apply(visitor == null ? VisitorRecord.NONE : visitor, entry.value));
                keys.add(entry.key);
            }
        }
        keys.forEach(earlier::delete);
        return keys.size();
    }

    /** Whether the earlier dedup store kept this event id within {@code windowMillis} of its time. */
    boolean seen(String eventId, long timestampMillis, long windowMillis) {
        if (!holdsEventIds) {
            return false;
        }
        try (WindowStoreIterator<Long> seen = seenEventIds.fetch(eventId,
                Instant.ofEpochMilli(Math.max(0, timestampMillis - windowMillis)), Instant.ofEpochMilli(timestampMillis + windowMillis))) {
            return seen.hasNext();
        }
    }
}
