package io.ecrm.streams.profile;

import io.ecrm.schemas.CatalogItem;
import io.ecrm.schemas.ClickEvent;
import io.ecrm.streams.Stores;
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
 * Keeps each visitor's {@link CustomerProfile} up to date with their clean events, and writes
 * each visit to the sessions sink when it closes: when the visitor's next event comes after the
 * session gap, or when stream time has moved a gap past the visit's last event. Partitioned by
 * visitor.
 * <p>
 * Visits due to close are found through {@link Stores#VISIT_EXPIRY}, keyed by the visit's start
 * and the visitor, one entry per visitor: written when a visit opens (and moved in the rare case a
 * late event moves the start back), not on every event. A visit can only be due once its start is a gap behind stream
 * time, so each check scans the visits that started that long ago and are still open.
 * <p>
 * A closed visit's entry is deleted, which in RocksDB leaves a tombstone until compaction reaches
 * it; a scan from the start of the key range read every one of them, tens of thousands, on every
 * check, and the stream thread fell behind in long soaks until a compaction cleared them. So a
 * scan starts at the floor the previous one left: the earliest start among the entries it kept.
 * Every entry written since starts no earlier, or lowers the floor: a visit opened by a late
 * event here, or two open visits merged by the identity stage (whose start is one of theirs).
 */
public final class ProfileProcessor implements Processor<String, ClickEvent, String, SessionSummary> {
    /** How often, in stream time, visits are checked for closing. */
    static final Duration EXPIRY_CHECK = Duration.ofMinutes(1);

    private final long sessionGapMillis;
    private ProcessorContext<String, SessionSummary> context;
    private KeyValueStore<String, CustomerProfile> profiles;
    private KeyValueStore<String, Long> expiry;
    private KeyValueStore<String, CatalogItem> catalog;
    /** No entry of {@link #expiry} starts before this; 0 until the first check after (re)start. */
    private long expiryFloor;

    public ProfileProcessor(long sessionGapMillis) {
        this.sessionGapMillis = sessionGapMillis;
    }

    @Override
    public void init(ProcessorContext<String, SessionSummary> context) {
        this.context = context;
        this.profiles = context.getStateStore(Stores.CUSTOMER_PROFILES);
        this.expiry = context.getStateStore(Stores.VISIT_EXPIRY);
        this.catalog = context.getStateStore(Stores.CATALOG);
        this.expiryFloor = 0;
        context.schedule(EXPIRY_CHECK, PunctuationType.STREAM_TIME, this::closeVisitsEndedBefore);
    }

    @Override
    public void process(Record<String, ClickEvent> record) {
        ClickEvent event = record.value();
        if (record.key() == null || event == null) {
            return;
        }
        CustomerProfile profile = profiles.get(record.key());
        if (profile == null) {
            profile = CustomerProfile.empty(record.key(), event.timestampMillis());
        }
        Visit before = profile.openVisit();
        CustomerProfile.Applied applied = profile.apply(event, sessionGapMillis,
                categoryOf(event.itemId()));
        profiles.put(record.key(), applied.profile());
        if (applied.closedVisit() != null) {
            emit(applied.profile(), applied.closedVisit(), record.timestamp());
        }
        Visit after = applied.profile().openVisit();
        moveExpiry(expiry, record.key(), before, after);
        if (after != null && after.startMillis() < expiryFloor) {
            expiryFloor = after.startMillis();
        }
    }

    /** The item's catalogue category; null for no item, or an item the catalogue does not list. */
    private String categoryOf(String itemId) {
        CatalogItem item = itemId == null ? null : catalog.get(itemId);
        return item == null ? null : item.category();
    }

    /** Closes the open visits whose last event is more than the gap behind stream time. */
    private void closeVisitsEndedBefore(long streamTime) {
        long due = streamTime - sessionGapMillis;
        if (due <= 0) {
            return;
        }
        List<KeyValue<String, Long>> keys = new ArrayList<>();
        try (KeyValueIterator<String, Long> it = expiry.range(expiryKey(Math.min(expiryFloor, due), ""), expiryKey(due, ""))) {
            it.forEachRemaining(keys::add);
        }
        long floor = due;
        for (KeyValue<String, Long> key : keys) {
            String visitor = key.key.substring(key.key.indexOf(SEPARATOR) + 1);
            CustomerProfile profile = profiles.get(visitor);
            Visit open = profile == null ? null : profile.openVisit();
            if (open != null && open.startMillis() == key.value && open.endMillis() + sessionGapMillis >= streamTime) {
                floor = Math.min(floor, key.value);
                continue; // still going on
            }
            expiry.delete(key.key);
            if (open != null && open.startMillis() == key.value) {
                CustomerProfile.Applied closed = profile.closeVisit();
                profiles.put(visitor, closed.profile());
                emit(closed.profile(), closed.closedVisit(), streamTime);
            }
        }
        expiryFloor = floor;
    }

    private void emit(CustomerProfile profile, Visit visit, long timestamp) {
        context.forward(new Record<>(profile.visitorKey(), SessionSummary.of(profile, visit), timestamp));
    }

    private static final char SEPARATOR = '\u0000';

    /**
     * Keeps one expiry entry per visitor, for its open visit: moved when a visit closes and the next
     * one opens, or when a late event (or a merge) moves the start back.
     */
    public static void moveExpiry(KeyValueStore<String, Long> expiry, String visitorKey, Visit before, Visit after) {
        long beforeStart = before == null ? Long.MIN_VALUE : before.startMillis();
        long afterStart = after == null ? Long.MIN_VALUE : after.startMillis();
        if (beforeStart == afterStart) {
            return;
        }
        if (before != null) {
            expiry.delete(expiryKey(beforeStart, visitorKey));
        }
        if (after != null) {
            expiry.put(expiryKey(afterStart, visitorKey), afterStart);
        }
    }

    /** The expiry key of a visit: its start, zero-padded so that keys sort by time, and the visitor. */
    public static String expiryKey(long startMillis, String visitorKey) {
        return String.format("%019d", startMillis) + SEPARATOR + visitorKey;
    }
}
