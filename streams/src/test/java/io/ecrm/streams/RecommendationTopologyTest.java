package io.ecrm.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.ecrm.recommender.ItemNeighbours;
import io.ecrm.recommender.RecommenderSettings;
import io.ecrm.recommender.ScoredItem;
import io.ecrm.recommender.VisitorHistory;
import io.ecrm.schemas.ClickEvent;
import io.ecrm.schemas.EventType;
import io.ecrm.schemas.TenantId;
import io.ecrm.schemas.TenantTopics;
import io.ecrm.streams.serde.StateSerdes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecommendationTopologyTest {
    private static final TenantTopics TOPICS = new TenantTopics(new TenantId("shop"));
    @TempDir
    Path stateDir;
    private TopologyTestDriver driver;
    private TestInputTopic<String, ClickEvent> events;
    private long time = 1_763_975_730_000L;
    private int sequence;

    @BeforeEach
    void start() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, TOPICS.applicationId());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(RecommendationTopology.buildTopology(TOPICS, RecommenderSettings.DEFAULTS,
                StreamsSettings.DEFAULTS), props);
        events = driver.createInputTopic(TOPICS.events(), StateSerdes.keys().serializer(), StateSerdes.events().serializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private void send(String visitor, EventType type, String item) {
        ClickEvent event = ClickEvent.item("e" + sequence++, type, time += 1000, visitor, item);
        events.pipeInput(event.visitorKey(), event);
    }

    private void views(String visitor, String... items) {
        for (String item : items) {
            send(visitor, EventType.PRODUCT_VIEW, item);
        }
    }

    private <V> KeyValueStore<String, V> store(String name) {
        return driver.getKeyValueStore(name);
    }

    @Test
    void keepsEachVisitorsRecentItemsNewestFirst() {
        views("v1", "a", "b", "c");
        send("v1", EventType.PURCHASE, "b");
        VisitorHistory history = this.<VisitorHistory>store(Stores.VISITOR_HISTORY).get("a:v1");
        assertEquals(List.of("b", "c", "a"), history.recentItemIds());
        assertEquals(List.of("b"), history.purchased());
        assertNull(this.<VisitorHistory>store(Stores.VISITOR_HISTORY).get("a:v2"));
    }

    @Test
    void countsItemsAndTheirCoOccurrencesOnTheItemSide() {
        views("v1", "a", "b");
        views("v2", "a", "b");
        views("v3", "a", "c");
        KeyValueStore<String, Double> weights = store(Stores.ITEM_WEIGHTS);
        KeyValueStore<String, Double> pairs = store(Stores.ITEM_PAIRS);
        assertEquals(3.0, weights.get("a"));
        assertEquals(2.0, pairs.get(ItemCountsProcessor.pairKey("a", "b")));
        assertEquals(1.0, pairs.get(ItemCountsProcessor.pairKey("a", "c")));
        assertEquals(2.0, pairs.get(ItemCountsProcessor.pairKey("b", "a")));
        assertNull(pairs.get(ItemCountsProcessor.pairKey("b", "c")));
    }

    @Test
    void keepsAProfilePerVisitorFromAllCleanEvents() {
        views("v1", "a", "b");
        ClickEvent search = new ClickEvent("s9", EventType.SEARCH, time += 1000, "v1", null, null, null, 1, null, null,
                null, null, null, "tents");
        events.pipeInput(search.visitorKey(), search);
        send("v1", EventType.PURCHASE, "b");
        io.ecrm.streams.profile.CustomerProfile profile =
                this.<io.ecrm.streams.profile.CustomerProfile>store(Stores.CUSTOMER_PROFILES).get("a:v1");
        assertEquals(List.of("b", "b", "a"), profile.recentItems().stream()
                .map(io.ecrm.streams.profile.CustomerProfile.ProfileItem::itemId).toList());
        assertEquals(List.of("tents"), profile.recentSearches());
        assertEquals(1, profile.orders());
        assertEquals(1, profile.sessions());
    }

    @Test
    void forgettingAVisitorDeletesTheirStateButNotTheAnonymousItemCounts() {
        views("gone", "a", "b");
        views("stays", "a", "b");
        TestInputTopic<String, String> forget = driver.createInputTopic(TOPICS.forget(),
                StateSerdes.keys().serializer(), StateSerdes.keys().serializer());
        forget.pipeInput("a:gone", "test");
        for (String store : io.ecrm.streams.profile.ForgetProcessor.STORES) {
            assertNull(this.<Object>store(store).get("a:gone"), store);
            assertNotNull(this.<Object>store(store).get("a:stays"), store);
        }
        assertEquals(2.0, this.<Double>store(Stores.ITEM_WEIGHTS).get("a"), "aggregate counts stay");
    }

    @Test
    void pageViewsAndSearchesDoNotTouchItemState() {
        ClickEvent search = new ClickEvent("s1", EventType.SEARCH, time, "v1", null, null, null, 1, null, null, null,
                null, null, "shoes");
        events.pipeInput(search.visitorKey(), search);
        assertNull(this.<VisitorHistory>store(Stores.VISITOR_HISTORY).get("a:v1"));
    }

    @Test
    void publishesNeighbourListsToTheGlobalStoreOnTheRefreshTick() {
        for (int v = 0; v < 10; v++) {
            views("v" + v, "phone", "case");
        }
        views("x", "phone", "cable");
        views("y", "cable", "lamp");
        KeyValueStore<String, ItemNeighbours> neighbours = store(Stores.ITEM_NEIGHBOURS);
        assertNull(neighbours.get("phone"), "nothing is scored before the tick");
        driver.advanceWallClockTime(Duration.ofMillis(StreamsSettings.DEFAULTS.neighbourRefreshMillis()));
        // the second tick scores with the counts the first one published
        views("z", "phone", "case");
        driver.advanceWallClockTime(Duration.ofMillis(StreamsSettings.DEFAULTS.neighbourRefreshMillis()));
        ItemNeighbours phone = neighbours.get("phone");
        assertNotNull(phone);
        assertEquals(List.of("case", "cable"), phone.neighbours().stream().map(ScoredItem::itemId).toList());
        KeyValueStore<String, Double> counts = store(Stores.ITEM_COUNTS);
        assertEquals(12.0, counts.get("phone"));
        try (var dirty = this.<Long>store(Stores.DIRTY_ITEMS).all()) {
            assertFalse(dirty.hasNext(), "refreshed items are no longer dirty");
        }
    }

    @Test
    void refreshPrunesEachItemToItsStrongestCoItems() {
        driver.close();
        RecommenderSettings d = RecommenderSettings.DEFAULTS;
        RecommenderSettings small = new RecommenderSettings(d.recentItemsPerVisitor(), d.purchasedItemsPerVisitor(),
                d.cooccurrenceWindow(), d.cooccurrenceWindowMillis(), 2, d.maxNeighboursPerItem(), d.queryItems(),
                d.viewWeight(), d.cartWeight(), d.purchaseWeight());
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, TOPICS.applicationId());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.resolve("small").toString());
        driver = new TopologyTestDriver(RecommendationTopology.buildTopology(TOPICS, small, StreamsSettings.DEFAULTS), props);
        events = driver.createInputTopic(TOPICS.events(), StateSerdes.keys().serializer(), StateSerdes.events().serializer());
        views("v1", "hub", "x");
        views("v2", "hub", "x");
        views("v3", "hub", "x");
        views("v4", "hub", "y");
        views("v5", "hub", "y");
        views("v6", "hub", "z");
        driver.advanceWallClockTime(Duration.ofMillis(StreamsSettings.DEFAULTS.neighbourRefreshMillis()));
        KeyValueStore<String, Double> pairs = store(Stores.ITEM_PAIRS);
        assertEquals(3.0, pairs.get(ItemCountsProcessor.pairKey("hub", "x")));
        assertEquals(2.0, pairs.get(ItemCountsProcessor.pairKey("hub", "y")));
        assertNull(pairs.get(ItemCountsProcessor.pairKey("hub", "z")), "the weakest co-item is pruned past the bound");
        assertEquals(List.of("x", "y"), this.<ItemNeighbours>store(Stores.ITEM_NEIGHBOURS).get("hub").neighbours().stream()
                .map(ScoredItem::itemId).sorted().toList());
    }
}
