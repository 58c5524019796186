package io.ecrm.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.ecrm.streams.cleaning.VisitorActivity;
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
        VisitorRecords records = new VisitorRecords(store, 2);
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
}
