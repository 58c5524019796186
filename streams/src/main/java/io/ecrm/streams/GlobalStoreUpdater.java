package io.ecrm.streams;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Copies a compacted topic into a global store: a value is written, a tombstone deletes; each
 * change is then told to the store's decoded values kept for queries, when it has them.
 */
final class GlobalStoreUpdater<V> implements Processor<String, V, Void, Void> {
    private final String storeName;
    private final DecodedItems<V> decoded;
    private KeyValueStore<String, V> store;

    GlobalStoreUpdater(String storeName) {
        this(storeName, null);
    }

    /** @param decoded the store's values kept decoded for queries, or null when it has none */
    GlobalStoreUpdater(String storeName, DecodedItems<V> decoded) {
        this.storeName = storeName;
        this.decoded = decoded;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, V> record) {
        if (record.value() == null) {
            store.delete(record.key());
        } else {
            store.put(record.key(), record.value());
        }
        if (decoded != null) {
            decoded.changed(record.key(), record.value());
        }
    }
}
