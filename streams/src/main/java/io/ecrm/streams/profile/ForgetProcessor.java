package io.ecrm.streams.profile;

import io.ecrm.streams.Stores;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Erases one visitor on request (the key of a record on the tenant's forget topic): their
 * profile (with its open visit's expiry entry), recommendation history and click-rate state. Deleting from a store writes a tombstone
 * to its changelog, so the visitor is gone from the changelogs too once they are compacted.
 * It runs in the same task as the visitor's events (co-partitioned topics, same key), so no
 * event of that visitor is processed half before and half after.
 */
public final class ForgetProcessor implements Processor<String, String, Void, Void> {
    /** Every store keyed by visitor. */
    public static final List<String> STORES = List.of(Stores.CUSTOMER_PROFILES, Stores.VISITOR_HISTORY, Stores.VISITOR_ACTIVITY);

    /** Stores whose keys hold the visitor together with something else. */
    public static final List<String> OTHER_STORES = List.of(Stores.VISIT_EXPIRY);

    private List<KeyValueStore<String, ?>> stores;
    private KeyValueStore<String, CustomerProfile> profiles;
    private KeyValueStore<String, Long> expiry;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        stores = STORES.stream().<KeyValueStore<String, ?>>map(context::getStateStore).toList();
        profiles = context.getStateStore(Stores.CUSTOMER_PROFILES);
        expiry = context.getStateStore(Stores.VISIT_EXPIRY);
    }

    @Override
    public void process(Record<String, String> record) {
        if (record.key() == null) {
            return;
        }
        CustomerProfile profile = profiles.get(record.key());
        if (profile != null && profile.openVisit() != null) {
            expiry.delete(ProfileProcessor.expiryKey(profile.openVisit().startMillis(), record.key()));
        }
        stores.forEach(store -> store.delete(record.key()));
    }
}
