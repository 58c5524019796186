package io.ecrm.streams.identity;

import io.ecrm.recommender.RecommenderSettings;
import io.ecrm.recommender.VisitorHistory;
import io.ecrm.schemas.ClickEvent;
import io.ecrm.schemas.VisitorKey;
import io.ecrm.streams.Stores;
import io.ecrm.streams.profile.CustomerProfile;
import io.ecrm.streams.profile.ProfileProcessor;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Identity: decides which visitor each clean event belongs to, and joins an anonymous visitor to
 * the customer they turn out to be. Partitioned by visitor key; runs in the same task as the
 * visitor's state, so it reads and moves that state directly.
 * <ul>
 *   <li>An event naming both a customer and an anonymous id links them: a {@link Routed.Link}
 *       goes to the anonymous id's partition, which records the link in {@link Stores#IDENTITY_LINKS}
 *       (the link is state, never recomputed) and sends the anonymous profile and history to the
 *       customer ({@link Routed.Move}), where they are merged in.</li>
 *   <li>A later event of a linked anonymous id goes on to the customer ({@link Routed.Event}).</li>
 *   <li>Every other event belongs to its own key and goes straight on to the profile and history
 *       processors: most events never leave their task.</li>
 * </ul>
 * An anonymous id linked again to another customer (a shared device) follows the newest link;
 * what it did before stays with the first customer.
 */
public final class IdentityProcessor implements Processor<String, Object, String, Object> {
    /** The node that sends records over the visitor-routing topic. */
    public static final String ROUTING = "visitor-routing-sink";
    /** The nodes that receive each event under the visitor it belongs to. */
    public static final String PROFILES = "profiles";
    public static final String HISTORIES = "visitor-events";
    /** Every store this processor reads or writes. */
    public static final java.util.List<String> STORES = VisitorErasure.STORES;

    private final long sessionGapMillis;
    private final RecommenderSettings settings;
    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, String> links;
    private KeyValueStore<String, CustomerProfile> profiles;
    private KeyValueStore<String, VisitorHistory> histories;
    private KeyValueStore<String, Long> expiry;
    private VisitorErasure erasure;

    public IdentityProcessor(long sessionGapMillis, RecommenderSettings settings) {
        this.sessionGapMillis = sessionGapMillis;
        this.settings = settings;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.links = context.getStateStore(Stores.IDENTITY_LINKS);
        this.profiles = context.getStateStore(Stores.CUSTOMER_PROFILES);
        this.histories = context.getStateStore(Stores.VISITOR_HISTORY);
        this.expiry = context.getStateStore(Stores.VISIT_EXPIRY);
        this.erasure = new VisitorErasure(context);
    }

    @Override
    public void process(Record<String, Object> record) {
        if (record.key() == null || record.value() == null) {
            return;
        }
        Object value = record.value();
        if (value instanceof ClickEvent event) {
            clean(record.key(), event, record);
        } else if (value instanceof Routed.Event routed) {
            deliver(record.key(), routed.event(), record);
        } else if (value instanceof Routed.Link link) {
            link(record.key(), link.customerKey(), record);
        } else if (value instanceof Routed.Move move) {
            merge(record.key(), move);
        } else if (value instanceof Routed.Forget) {
            forget(record.key(), record);
        } else {
            throw new IllegalArgumentException("not a visitor record: " + value.getClass());
        }
    }

    private void clean(String key, ClickEvent event, Record<String, Object> record) {
        if (event.customerId() != null && event.anonymousId() != null) {
            CustomerProfile customer = profiles.get(key);
            if (customer == null || !customer.anonymousIds().contains(event.anonymousId())) {
                route(VisitorKey.anonymous(event.anonymousId()), new Routed.Link(key), record);
            }
        } else if (event.customerId() == null) {
            String customer = links.get(key);
            if (customer != null) {
                route(customer, new Routed.Event(event), record);
                return;
            }
        }
        deliver(key, event, record);
    }

    private void deliver(String visitorKey, ClickEvent event, Record<String, Object> record) {
        Record<String, Object> owned = record.withKey(visitorKey).withValue(event);
        context.forward(owned, PROFILES);
        context.forward(owned, HISTORIES);
    }

    private void link(String anonymousKey, String customerKey, Record<String, Object> record) {
        if (customerKey.equals(links.get(anonymousKey))) {
            return;
        }
        links.put(anonymousKey, customerKey);
        CustomerProfile profile = profiles.get(anonymousKey);
        VisitorHistory history = histories.get(anonymousKey);
        if (profile == null && history == null) {
            return;
        }
        if (profile != null) {
            ProfileProcessor.moveExpiry(expiry, anonymousKey, profile.openVisit(), null);
        }
        profiles.delete(anonymousKey);
        histories.delete(anonymousKey);
        route(customerKey, new Routed.Move(profile, history), record);
    }

    private void merge(String customerKey, Routed.Move move) {
        if (move.profile() != null) {
            CustomerProfile customer = profiles.get(customerKey);
            CustomerProfile merged = customer == null ? move.profile().rekeyed(customerKey, VisitorKey.idOf(customerKey))
                    : customer.merge(move.profile(), sessionGapMillis);
            profiles.put(customerKey, merged);
            ProfileProcessor.moveExpiry(expiry, customerKey, customer == null ? null : customer.openVisit(), merged.openVisit());
        }
        if (move.history() != null) {
            VisitorHistory customer = histories.get(customerKey);
            histories.put(customerKey, customer == null ? move.history() : customer.merge(move.history(), settings));
        }
    }

    /** Erases the visitor, and sends the erasure on to each anonymous id linked to them. */
    private void forget(String visitorKey, Record<String, ?> record) {
        for (String anonymousId : erasure.erase(visitorKey)) {
            route(VisitorKey.anonymous(anonymousId), new Routed.Forget("linked to " + visitorKey), record);
        }
    }

    private void route(String key, Routed value, Record<String, ?> record) {
        context.forward(record.withKey(key).withValue(value), ROUTING);
    }
}
