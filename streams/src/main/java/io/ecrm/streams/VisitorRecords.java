package io.ecrm.streams;

import io.ecrm.recommender.VisitorHistory;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A task's visitor records ({@link Stores#VISITORS}) with the most recently used ones kept decoded
 * in memory: a visitor's next event usually comes while their visit goes on, and decoding the
 * whole record (profile and history) for every event was a large part of the visitor side's time.
 * <p>
 * Every write goes to the store (and so its changelog) at once, so the store is never behind the
 * memory; the records are immutable, so a kept one is exactly what the store holds. Only this
 * task's processor writes its store, and a new processor (a task started, moved or revived after a
 * crash, whose store is then restored from its changelog) starts with nothing kept.
 * <p>
 * Queries read the histories from {@link DecodedStores#histories}, which every write here updates.
 */
final class VisitorRecords {
    private final KeyValueStore<String, VisitorRecord> store;
    private final Map<String, VisitorRecord> kept;
    private final DecodedItems<VisitorHistory> histories;

    /**
     * @param keep      how many records to keep decoded, least recently used out first
     * @param histories the visitors' histories kept decoded for queries: each write here is told to them
     */
    VisitorRecords(KeyValueStore<String, VisitorRecord> store, int keep, DecodedItems<VisitorHistory> histories) {
        this.store = store;
        this.histories = histories;
        this.kept = new LinkedHashMap<>(Math.min(keep, 1 << 16), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, VisitorRecord> eldest) {
                return size() > keep;
            }
        };
    }

    /** The visitor's record, or {@link VisitorRecord#NONE} for a visitor never seen (or erased). */
    VisitorRecord get(String visitorKey) {
        VisitorRecord visitor = kept.get(visitorKey);
        if (visitor == null) {
            visitor = store.get(visitorKey);
            if (visitor == null) {
                return VisitorRecord.NONE;
            }
            kept.put(visitorKey, visitor);
        }
        return visitor;
    }

    void put(String visitorKey, VisitorRecord visitor) {
        store.put(visitorKey, visitor);
        kept.put(visitorKey, visitor);
        histories.changed(visitorKey, visitor.history());
    }

    void delete(String visitorKey) {
        store.delete(visitorKey);
        kept.remove(visitorKey);
        histories.changed(visitorKey, null);
    }
}
