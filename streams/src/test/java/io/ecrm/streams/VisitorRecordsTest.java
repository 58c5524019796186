package io.ecrm.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.ecrm.recommender.VisitorHistory;
import io.ecrm.streams.cleaning.VisitorActivity;
import java.util.List;
import io.ecrm.streams.serde.StateSerdes;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.junit.jupiter.api.Test;

class VisitorRecordsTest {
    private final KeyValueStore<String, VisitorRecord> store = org.apache.kafka.streams.state.Stores.keyValueStoreBuilder(
            org.apache.kafka.streams.state.Stores.inMemoryKeyValueStore("visitors"), Serdes.String(), StateSerdes.VISITOR_RECORD)
            .withLoggingDisabled().build();

    private static VisitorRecord clicks(int n) {
        return VisitorRecord.NONE.withCleaning(new VisitorActivity(1, n, 0), VisitorRecord.NONE.eventIds());
    }

    @Test
    void writesGoToTheStoreAtOnceAndReadsComeFromMemoryWhileKept() {
        store.init(new MockProcessorContext<>().getStateStoreContext(), store);
        VisitorRecords records = new VisitorRecords(store, 2, new DecodedItems<>(10));
        assertSame(VisitorRecord.NONE, records.get("a:1"));
        VisitorRecord one = clicks(1);
        records.put("a:1", one);
        assertEquals(one, store.get("a:1"), "written through");
        assertSame(one, records.get("a:1"), "kept decoded");
        records.put("a:2", clicks(2));
        records.put("a:3", clicks(3));
        VisitorRecord again = records.get("a:1");
        assertEquals(one, again, "read back from the store once out of memory");
        assertNotSame(one, again, "decoded again");
        records.delete("a:1");
        assertNull(store.get("a:1"));
        assertSame(VisitorRecord.NONE, records.get("a:1"));
    }

    @Test
    void queriesSeeEveryWriteOfAHistoryTheyKeptAndItsErasure() {
        store.init(new MockProcessorContext<>().getStateStoreContext(), store);
        DecodedItems<VisitorHistory> histories = new DecodedItems<>(10);
        VisitorRecords records = new VisitorRecords(store, 2, histories);
        java.util.function.Function<String, VisitorHistory> fromStore = key -> {
            VisitorRecord stored = store.get(key);
            return stored == null ? null : stored.history();
        };
        assertNull(histories.get("a:1", fromStore), "unknown, and kept as such");
        VisitorHistory viewed = new VisitorHistory(List.of(new VisitorHistory.RecentItem("i1", 1.0, 1000)), List.of());
        records.put("a:1", clicks(1).withHistory(viewed));
        assertEquals(viewed, histories.get("a:1", key -> {
            throw new AssertionError("read from the store although kept");
        }));
        VisitorHistory more = new VisitorHistory(List.of(new VisitorHistory.RecentItem("i2", 1.0, 2000),
                new VisitorHistory.RecentItem("i1", 1.0, 1000)), List.of());
        records.put("a:1", records.get("a:1").withHistory(more));
        assertEquals(more, histories.get("a:1", fromStore));
        records.delete("a:1");
        assertNull(histories.get("a:1", fromStore));
    }
}
