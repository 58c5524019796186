package io.ecrm.streams.identity;

import io.ecrm.streams.Stores;
import io.ecrm.streams.profile.CustomerProfile;
import io.ecrm.streams.profile.ProfileProcessor;
import java.util.List;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Erases one visitor from every store keyed by visitor: profile (with its open visit's expiry
 * entry), recommendation history, click-rate state and identity link. Deleting writes a
 * tombstone to each store's changelog.
 */
final class VisitorErasure {
    /** Every store whose key is the visitor key. */
    static final List<String> KEYED_BY_VISITOR = List.of(Stores.CUSTOMER_PROFILES, Stores.VISITOR_HISTORY,
            Stores.VISITOR_ACTIVITY, Stores.IDENTITY_LINKS);
    /** Every store an erasure touches. */
    static final List<String> STORES = List.of(Stores.CUSTOMER_PROFILES, Stores.VISITOR_HISTORY, Stores.VISITOR_ACTIVITY,
            Stores.IDENTITY_LINKS, Stores.VISIT_EXPIRY);

    private final List<KeyValueStore<String, ?>> keyed;
    private final KeyValueStore<String, CustomerProfile> profiles;
    private final KeyValueStore<String, Long> expiry;

    VisitorErasure(ProcessorContext<?, ?> context) {
        keyed = KEYED_BY_VISITOR.stream().<KeyValueStore<String, ?>>map(context::getStateStore).toList();
        profiles = context.getStateStore(Stores.CUSTOMER_PROFILES);
        expiry = context.getStateStore(Stores.VISIT_EXPIRY);
    }

    /** Erases the visitor; answers the anonymous ids that were linked to them, which must be erased too. */
    List<String> erase(String visitorKey) {
        CustomerProfile profile = profiles.get(visitorKey);
        if (profile != null) {
            ProfileProcessor.moveExpiry(expiry, visitorKey, profile.openVisit(), null);
        }
        keyed.forEach(store -> store.delete(visitorKey));
        return profile == null ? List.of() : profile.anonymousIds();
    }
}
