package io.ecrm.streams;

import io.ecrm.recommender.ItemNeighbours;
import io.ecrm.recommender.RecommenderSettings;
import io.ecrm.schemas.TenantTopics;
import io.ecrm.streams.cleaning.BotUserAgents;
import io.ecrm.streams.cleaning.CleaningMetrics;
import io.ecrm.streams.cleaning.RejectedEvent;
import io.ecrm.streams.identity.Routed;
import io.ecrm.streams.items.ItemActivity;
import io.ecrm.streams.items.ItemUpdateSums;
import io.ecrm.streams.profile.SessionSummary;
import io.ecrm.streams.serde.StateSerdes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.AutoOffsetReset;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * The tenant's recommendation topology:
 * <pre>
 * events (by visitor), visitor-routing (by visitor), forget (by visitor)
 *   -> VisitorProcessor [visitors, identity-links, visit-expiry, recommendation-earnings; sums sent and added before each commit]
 *        (cleaning, identity, profile and visits, history, erasure: one read and one write of the visitor's record)
 *   -> rejected (with reason), visitor-routing (links, moves, linked events, erasures), sessions (closed visits),
 *      item-updates (by item, summed)
 * item-updates -> ItemCountsProcessor [item-weights, item-pairs, item-follows, item-activity, dirty-items]
 *              -> item-counts, item-neighbours, item-follows, item-activity
 * item-counts -> global [item-counts];  item-neighbours -> global [item-neighbours];  item-follows -> global [item-follows-global];
 * item-activity -> global [item-activity-global];  catalog -> global [catalog]
 * </pre>
 * A query needs the visitor's record (on the visitor's owner) and the global stores (everywhere).
 */
public final class RecommendationTopology {
    /** The visitor side's one processor. */
    private static final String VISITORS = "visitors";

    private RecommendationTopology() {
    }

    public static Topology buildTopology(TenantTopics topics, RecommenderSettings settings, StreamsSettings streams) {
        return buildTopology(topics, settings, streams, BotUserAgents.shipped(), CleaningMetrics.NONE);
    }

    public static Topology buildTopology(TenantTopics topics, RecommenderSettings settings, StreamsSettings streams,
                                         BotUserAgents bots, CleaningMetrics metrics) {
        return buildTopology(topics, settings, streams, bots, metrics, System::currentTimeMillis);
    }

    /** @param wallClock the current time (epoch milliseconds), which event time never runs ahead of */
    public static Topology buildTopology(TenantTopics topics, RecommenderSettings settings, StreamsSettings streams,
                                         BotUserAgents bots, CleaningMetrics metrics, java.util.function.LongSupplier wallClock) {
        return buildTopology(topics, settings, streams, bots, metrics, wallClock, new DecodedStores());
    }

    /** @param decoded the values kept decoded for queries, which the stores' writers keep current */
    static Topology buildTopology(TenantTopics topics, RecommenderSettings settings, StreamsSettings streams,
                                  BotUserAgents bots, CleaningMetrics metrics, java.util.function.LongSupplier wallClock,
                                  DecodedStores decoded) {
        Serde<String> keys = StateSerdes.keys();
        Topology topology = new Topology();

        topology.addSource(AutoOffsetReset.earliest(), "events", new EventTimeExtractor(wallClock), keys.deserializer(), StateSerdes.events().deserializer(),
                topics.events());
        // what the visitor side routes to itself, by visitor key
        topology.addSource(AutoOffsetReset.earliest(), "visitor-routing", keys.deserializer(),
                StateSerdes.ROUTED.deserializer(), topics.visitorRouting());
        // an erasure request shares its task with the visitor's events; stamped at time 0 it is taken
        // first and never moves the task's event-time clock (which judges lateness) to the wall clock
        topology.addSource(AutoOffsetReset.earliest(), "forget", (record, partitionTime) -> 0L, keys.deserializer(),
                (topic, bytes) -> bytes == null ? null : new Routed.Forget(new String(bytes, StandardCharsets.UTF_8)),
                topics.forget());
        topology.addProcessor(VISITORS, () -> new VisitorProcessor(streams, bots, metrics, settings, decoded.histories(), decoded.links()),
                "events", "visitor-routing", "forget");
        topology.addStateStore(persistent(Stores.VISITORS, StateSerdes.VISITOR_RECORD), VISITORS);
        topology.addStateStore(persistent(Stores.IDENTITY_LINKS, keys), VISITORS);
        topology.addStateStore(persistent(Stores.VISIT_EXPIRY, Serdes.Long()), VISITORS);
        topology.addStateStore(persistent(Stores.RECOMMENDATION_EARNINGS, StateSerdes.EARNINGS), VISITORS);
        topology.addStateStore(BeforeCommit.builder(VisitorProcessor.BEFORE_COMMIT), VISITORS);
        // the stores of earlier versions, restored so that what they hold moves into the visitor records
        topology.addStateStore(org.apache.kafka.streams.state.Stores.windowStoreBuilder(
                org.apache.kafka.streams.state.Stores.persistentWindowStore(Stores.SEEN_EVENT_IDS,
                        Duration.ofMillis(2 * streams.cleaning().dedupWindowMillis() + 1),
                        Duration.ofMillis(2 * streams.cleaning().dedupWindowMillis() + 1), false),
                keys, Serdes.Long()), VISITORS);
        topology.addStateStore(persistent(Stores.VISITOR_ACTIVITY, StateSerdes.VISITOR_ACTIVITY), VISITORS);
        topology.addStateStore(persistent(Stores.CUSTOMER_PROFILES, StateSerdes.CUSTOMER_PROFILE), VISITORS);
        topology.addStateStore(persistent(Stores.VISITOR_HISTORY, StateSerdes.VISITOR_HISTORY), VISITORS);
        topology.addStateStore(org.apache.kafka.streams.state.Stores.keyValueStoreBuilder(
                org.apache.kafka.streams.state.Stores.inMemoryKeyValueStore(Stores.PENDING_ITEM_UPDATES), Serdes.Long(),
                StateSerdes.PENDING_EVENT), VISITORS);
        topology.addSink(VisitorProcessor.REJECTED, topics.rejected(), keys.serializer(),
                (topic, value) -> StateSerdes.rejectedToBytes((RejectedEvent) value), VISITORS);
        topology.addSink(VisitorProcessor.ROUTING, topics.visitorRouting(), keys.serializer(),
                (topic, value) -> StateSerdes.ROUTED.serializer().serialize(topic, (Routed) value), VISITORS);
        topology.addSink(VisitorProcessor.SESSIONS, topics.sessions(), keys.serializer(),
                (topic, value) -> StateSerdes.SESSION_SUMMARY.serializer().serialize(topic, (SessionSummary) value), VISITORS);
        topology.addSink(VisitorProcessor.ITEM_UPDATES, topics.itemUpdates(), keys.serializer(),
                (topic, value) -> StateSerdes.itemSumToBytes((ItemUpdateSums.ItemSum) value), VISITORS);

        topology.addSource("item-updates", keys.deserializer(), StateSerdes.ITEM_DELTA.deserializer(), topics.itemUpdates());
        topology.addProcessor("item-counts", () -> new ItemCountsProcessor(settings, streams),
                "item-updates");
        topology.addStateStore(persistent(Stores.ITEM_WEIGHTS, Serdes.Double()), "item-counts");
        topology.addStateStore(persistent(Stores.ITEM_PAIRS, Serdes.Double()), "item-counts");
        topology.addStateStore(persistent(Stores.DIRTY_ITEMS, Serdes.Long()), "item-counts");
        topology.addStateStore(persistent(Stores.ITEM_ACTIVITY, StateSerdes.ITEM_ACTIVITY), "item-counts");
        topology.addStateStore(persistent(Stores.ITEM_FOLLOWS, Serdes.Double()), "item-counts");
        topology.addSink(ItemCountsProcessor.FOLLOWS_SINK, topics.itemFollows(), keys.serializer(),
                (topic, value) -> StateSerdes.ITEM_NEIGHBOURS.toBytes((ItemNeighbours) value), "item-counts");
        topology.addSink(ItemCountsProcessor.ACTIVITY_SINK, topics.itemActivity(), keys.serializer(),
                (topic, value) -> StateSerdes.ITEM_ACTIVITY.toBytes((ItemActivity) value), "item-counts");
        topology.addSink(ItemCountsProcessor.COUNTS_SINK, topics.itemCounts(), keys.serializer(),
                (topic, value) -> StateSerdes.counts().serializer().serialize(topic, (Double) value), "item-counts");
        topology.addSink(ItemCountsProcessor.NEIGHBOURS_SINK, topics.itemNeighbours(), keys.serializer(),
                (topic, value) -> StateSerdes.ITEM_NEIGHBOURS.toBytes((ItemNeighbours) value), "item-counts");

        topology.addGlobalStore(
                org.apache.kafka.streams.state.Stores.keyValueStoreBuilder(
                                org.apache.kafka.streams.state.Stores.inMemoryKeyValueStore(Stores.ITEM_COUNTS), keys, StateSerdes.counts())
                        .withLoggingDisabled(),
                "item-counts-source", keys.deserializer(), StateSerdes.counts().deserializer(), topics.itemCounts(),
                "item-counts-updater", () -> new GlobalStoreUpdater<>(Stores.ITEM_COUNTS));
        topology.addGlobalStore(
                persistent(Stores.ITEM_NEIGHBOURS, StateSerdes.ITEM_NEIGHBOURS).withLoggingDisabled().withCachingDisabled(),
                "item-neighbours-source", keys.deserializer(), StateSerdes.ITEM_NEIGHBOURS.deserializer(),
                topics.itemNeighbours(), "item-neighbours-updater", () -> new GlobalStoreUpdater<>(Stores.ITEM_NEIGHBOURS, decoded.neighbours()));
        topology.addGlobalStore(
                persistent(Stores.ITEM_FOLLOWS_GLOBAL, StateSerdes.ITEM_NEIGHBOURS).withLoggingDisabled().withCachingDisabled(),
                "item-follows-source", keys.deserializer(), StateSerdes.ITEM_NEIGHBOURS.deserializer(), topics.itemFollows(),
                "item-follows-updater", () -> new GlobalStoreUpdater<>(Stores.ITEM_FOLLOWS_GLOBAL, decoded.follows()));
        topology.addGlobalStore(
                persistent(Stores.ITEM_ACTIVITY_GLOBAL, StateSerdes.ITEM_ACTIVITY).withLoggingDisabled().withCachingDisabled(),
                "item-activity-source", keys.deserializer(), StateSerdes.ITEM_ACTIVITY.deserializer(), topics.itemActivity(),
                "item-activity-updater", () -> new GlobalStoreUpdater<>(Stores.ITEM_ACTIVITY_GLOBAL));
        topology.addGlobalStore(
                persistent(Stores.CATALOG, StateSerdes.CATALOG_ITEM).withLoggingDisabled().withCachingDisabled(),
                "catalog-source", keys.deserializer(), StateSerdes.CATALOG_ITEM.deserializer(), topics.catalog(),
                "catalog-updater", () -> new GlobalStoreUpdater<>(Stores.CATALOG, decoded.catalog()));
        return topology;
    }

    /**
     * A RocksDB store with a changelog and without Kafka Streams' record cache: the cache's sorted
     * map was looked up on every read, write and commit (16% of the stream thread's samples under
     * load) and, with commits every 100 ms, saved few writes; without it a stream thread spends
     * about 15% less CPU per event ({@code ecrm bench ingest}).
     */
    private static <V> StoreBuilder<KeyValueStore<String, V>> persistent(String name, Serde<V> values) {
        return org.apache.kafka.streams.state.Stores.keyValueStoreBuilder(
                org.apache.kafka.streams.state.Stores.persistentKeyValueStore(name), StateSerdes.keys(), values)
                .withCachingDisabled();
    }
}
