package io.ecrm.streams.profile;

import io.ecrm.schemas.ClickEvent;
import io.ecrm.streams.Stores;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/** Keeps each visitor's {@link CustomerProfile} up to date with their clean events; partitioned by visitor. */
public final class ProfileProcessor implements Processor<String, ClickEvent, Void, Void> {
    private final long sessionGapMillis;
    private KeyValueStore<String, CustomerProfile> profiles;

    public ProfileProcessor(long sessionGapMillis) {
        this.sessionGapMillis = sessionGapMillis;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        profiles = context.getStateStore(Stores.CUSTOMER_PROFILES);
    }

    @Override
    public void process(Record<String, ClickEvent> record) {
        if (record.key() == null || record.value() == null) {
            return;
        }
        CustomerProfile profile = profiles.get(record.key());
        profiles.put(record.key(), profile == null ? CustomerProfile.first(record.value(), sessionGapMillis)
                : profile.apply(record.value(), sessionGapMillis));
    }
}
