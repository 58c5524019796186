package io.ecrm.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    private final DecodedStores decoded = new DecodedStores();
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
                StreamsSettings.DEFAULTS, io.ecrm.streams.cleaning.BotUserAgents.shipped(), io.ecrm.streams.cleaning.CleaningMetrics.NONE,
                System::currentTimeMillis, decoded), props);
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

    private VisitorRecord visitor(String key) {
        return this.<VisitorRecord>store(Stores.VISITORS).get(key);
    }

    private VisitorHistory history(String key) {
        VisitorRecord visitor = visitor(key);
        return visitor == null ? null : visitor.history();
    }

    private io.ecrm.streams.profile.CustomerProfile profile(String key) {
        VisitorRecord visitor = visitor(key);
        return visitor == null ? null : visitor.profile();
    }

    @Test
    void keepsEachVisitorsRecentItemsNewestFirst() {
        views("v1", "a", "b", "c");
        send("v1", EventType.PURCHASE, "b");
        VisitorHistory history = history("a:v1");
        assertEquals(List.of("b", "c", "a"), history.recentItemIds());
        assertEquals(List.of("b"), history.purchased());
        assertNull(history("a:v2"));
    }

    @Test
    void countsItemsAndTheirCoOccurrencesOnTheItemSide() {
        views("v1", "a", "b");
        views("v2", "a", "b");
        views("v3", "a", "c");
        // each commit sends the visitor side's sums (the test driver commits after every record): no wait
        KeyValueStore<String, Double> weights = store(Stores.ITEM_WEIGHTS);
        KeyValueStore<String, Double> pairs = store(Stores.ITEM_PAIRS);
        assertEquals(3.0, weights.get("a"));
        assertEquals(2.0, pairs.get(ItemCountsProcessor.pairKey("a", "b")));
        assertEquals(1.0, pairs.get(ItemCountsProcessor.pairKey("a", "c")));
        assertEquals(2.0, pairs.get(ItemCountsProcessor.pairKey("b", "a")));
        assertNull(pairs.get(ItemCountsProcessor.pairKey("b", "c")));
    }

    @Test
    void updatesAnEarlierVersionLeftInItsBufferAreCountedAtTheFirstCommit() {
        // what a data dir of a version that buffered each event's updates in a changelogged store holds
        KeyValueStore<Long, io.ecrm.streams.items.PendingEvent> buffered = driver.getKeyValueStore(Stores.PENDING_ITEM_UPDATES);
        buffered.put(7L, new io.ecrm.streams.items.PendingEvent(io.ecrm.recommender.EventKind.VIEW,
                List.of(new io.ecrm.recommender.ItemUpdate("x", 1.0, java.util.Map.of("y", 1.0)),
                        new io.ecrm.recommender.ItemUpdate("y", 0.0, java.util.Map.of("x", 1.0))),
                List.of()));
        views("v1", "a");
        assertEquals(1.0, this.<Double>store(Stores.ITEM_WEIGHTS).get("x"));
        assertEquals(1.0, this.<Double>store(Stores.ITEM_PAIRS).get(ItemCountsProcessor.pairKey("y", "x")));
        assertEquals(1.0, this.<Double>store(Stores.ITEM_WEIGHTS).get("a"), "and the new event beside it");
        assertNull(buffered.get(7L), "sent once: the buffer is emptied");
        views("v1", "b");
        assertEquals(1.0, this.<Double>store(Stores.ITEM_WEIGHTS).get("x"), "and not sent again");
    }

    @Test
    void theVisitorStoresOfAnEarlierVersionMoveIntoTheRecordsBeforeTheFirstEvent() {
        // what a data dir of a version with one store per part of the visitor holds
        io.ecrm.streams.profile.CustomerProfile oldProfile = io.ecrm.streams.profile.CustomerProfile.first(
                ClickEvent.item("old-1", EventType.PRODUCT_VIEW, time - 5_000, "v1", "a"), 30 * 60_000L, null);
        this.<io.ecrm.streams.profile.CustomerProfile>store(Stores.CUSTOMER_PROFILES).put("a:v1", oldProfile);
        this.<VisitorHistory>store(Stores.VISITOR_HISTORY).put("a:v1",
                new VisitorHistory(List.of(new VisitorHistory.RecentItem("a", 1.0, time - 5_000)), List.of()));
        this.<io.ecrm.streams.cleaning.VisitorActivity>store(Stores.VISITOR_ACTIVITY).put("a:gone-quiet",
                new io.ecrm.streams.cleaning.VisitorActivity(7, 1, 9));
        driver.<String, Long>getWindowStore(Stores.SEEN_EVENT_IDS).put("old-1", time - 5_000, time - 5_000);

        send("v2", EventType.PRODUCT_VIEW, "z"); // another visitor's event: the move comes first, for all
        assertEquals(List.of("a"), history("a:v1").recentItemIds());
        assertEquals(oldProfile, profile("a:v1"));
        assertEquals(new io.ecrm.streams.cleaning.VisitorActivity(7, 1, 9), visitor("a:gone-quiet").activity());
        for (String earlier : List.of(Stores.CUSTOMER_PROFILES, Stores.VISITOR_HISTORY, Stores.VISITOR_ACTIVITY)) {
            try (var left = this.<Object>store(earlier).all()) {
                assertFalse(left.hasNext(), earlier + " is emptied");
            }
        }

        ClickEvent resent = ClickEvent.item("old-1", EventType.PRODUCT_VIEW, time - 5_000, "v1", "a");
        events.pipeInput(resent.visitorKey(), resent);
        assertEquals(List.of("a"), history("a:v1").recentItemIds(), "the earlier dedup store still catches a resend");
        views("v1", "b");
        assertEquals(List.of("b", "a"), history("a:v1").recentItemIds());
        assertEquals(List.of("b", "a"), profile("a:v1").recentItems().stream()
                .map(io.ecrm.streams.profile.CustomerProfile.ProfileItem::itemId).toList());
        assertEquals(1.0, this.<Double>store(Stores.ITEM_PAIRS).get(ItemCountsProcessor.pairKey("b", "a")),
                "the moved history pairs with the next event");
    }

    @Test
    void keepsAProfilePerVisitorFromAllCleanEvents() {
        views("v1", "a", "b");
        ClickEvent search = new ClickEvent("s9", EventType.SEARCH, time += 1000, "v1", null, null, null, 1, null, null,
                null, null, null, "tents");
        events.pipeInput(search.visitorKey(), search);
        send("v1", EventType.PURCHASE, "b");
        io.ecrm.streams.profile.CustomerProfile profile =
                profile("a:v1");
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
        for (String store : List.of(Stores.VISITORS)) {
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
        assertNull(history("a:v1"));
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
        ItemNeighbours firstTick = neighbours.get("phone");
        assertNotNull(firstTick);
        // phone's weight grows from 11 to 12, less than the growth share (10%) of itself: its count is
        // published on the next tick, its lists wait, at the latest until the change is the max wait old
        views("z", "phone", "case");
        driver.advanceWallClockTime(Duration.ofMillis(StreamsSettings.DEFAULTS.neighbourRefreshMillis()));
        KeyValueStore<String, Double> counts = store(Stores.ITEM_COUNTS);
        assertEquals(12.0, counts.get("phone"));
        assertEquals(firstTick, neighbours.get("phone"), "a small change does not recompute the lists at once");
        driver.advanceWallClockTime(Duration.ofMillis(StreamsSettings.DEFAULTS.neighbourMaxWaitMillis()));
        ItemNeighbours phone = neighbours.get("phone");
        assertNotEquals(firstTick, phone, "the change is in the lists after the max wait");
        assertEquals(List.of("case", "cable"), phone.neighbours().stream().map(ScoredItem::itemId).toList());
        try (var dirty = this.<Long>store(Stores.DIRTY_ITEMS).all()) {
            assertFalse(dirty.hasNext(), "refreshed items are no longer dirty");
        }
    }

    @Test
    void anItemThatGrewByItsGrowthShareIsRecomputedOnTheNextTick() {
        for (int v = 0; v < 5; v++) {
            views("v" + v, "phone", "case");
        }
        driver.advanceWallClockTime(Duration.ofMillis(StreamsSettings.DEFAULTS.neighbourRefreshMillis()));
        KeyValueStore<String, ItemNeighbours> neighbours = store(Stores.ITEM_NEIGHBOURS);
        ItemNeighbours before = neighbours.get("phone");
        views("w", "phone", "cable");
        views("x", "phone", "cable");
        driver.advanceWallClockTime(Duration.ofMillis(StreamsSettings.DEFAULTS.neighbourRefreshMillis()));
        assertEquals(List.of("case", "cable"), neighbours.get("phone").neighbours().stream().map(ScoredItem::itemId).toList(),
                "phone grew from 5 to 7: its lists now hold cable; before: " + before);
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

    private void viewAt(String visitor, String item, long at) {
        ClickEvent event = ClickEvent.item("e" + sequence++, EventType.PRODUCT_VIEW, at, visitor, item);
        events.pipeInput(event.visitorKey(), event);
    }

    @Test
    void aVisitClosesOnTheNextEventAfterTheGapOrOnceStreamTimeIsAGapPastIt() {
        long gap = StreamsSettings.DEFAULTS.sessionGapMillis();
        var sessions = driver.createOutputTopic(TOPICS.sessions(), StateSerdes.keys().deserializer(),
                StateSerdes.SESSION_SUMMARY.deserializer());
        viewAt("v1", "a", time);
        viewAt("v1", "b", time + 1000);
        viewAt("v1", "a", time + 1000 + gap);            // exactly the gap: the same visit
        assertTrue(sessions.isEmpty());
        viewAt("v1", "c", time + 1000 + 2 * gap + 1);    // a gap and a millisecond more: the visit closes
        var first = sessions.readKeyValue();
        assertEquals("a:v1", first.key);
        assertEquals(new io.ecrm.streams.profile.SessionSummary("a:v1", null, time, time + 1000 + gap, List.of("a", "b"),
                java.util.Map.of(EventType.PRODUCT_VIEW, 3L), false, false, 0.0), first.value);

        viewAt("v2", "x", time + 1000 + 3 * gap + 1);    // stream time moves for v1: a gap after its visit ended
        assertTrue(sessions.isEmpty(), "not a whole gap behind yet");
        viewAt("v2", "x", time + 1000 + 3 * gap + 2 * 60_000);
        var second = sessions.readKeyValue();
        assertEquals("a:v1", second.key);
        assertEquals(List.of("c"), second.value.items());
        assertTrue(sessions.isEmpty(), "v2's visit is still open");
        var profile = profile("a:v1");
        assertNull(profile.openVisit());
        assertEquals(2, profile.sessions());
        assertEquals(1000 + gap, profile.closedVisitMillis());
    }

    @Test
    void aLateEventsVisitThatStartedBeforeThePreviousCheckStillCloses() {
        long gap = StreamsSettings.DEFAULTS.sessionGapMillis();
        var sessions = driver.createOutputTopic(TOPICS.sessions(), StateSerdes.keys().deserializer(),
                StateSerdes.SESSION_SUMMARY.deserializer());
        viewAt("v1", "a", time);
        viewAt("v2", "b", time + 3 * gap);                // a check closes v1's visit; the next one scans from a gap later
        assertEquals("a:v1", sessions.readKeyValue().key);
        viewAt("v3", "c", time + gap);                    // late, within the grace: a visit starting before that
        viewAt("v2", "b", time + 3 * gap + 2 * 60_000);   // the next check
        var late = sessions.readKeyValue();
        assertEquals("a:v3", late.key);
        assertEquals(time + gap, late.value.startMillis());
        assertTrue(sessions.isEmpty(), "v2's visit is still open");
    }

    private void sendEvent(String anonymousId, String customerId, EventType type, String item) {
        ClickEvent event = new ClickEvent("e" + sequence++, type, time += 1000, anonymousId, customerId, null, item, 1,
                type == EventType.PURCHASE ? 10.0 : null, type == EventType.PURCHASE ? "EUR" : null, null, null, null, null);
        events.pipeInput(event.visitorKey(), event);
    }


    private static List<String> itemsOf(io.ecrm.streams.profile.CustomerProfile profile) {
        return profile.recentItems().stream().map(io.ecrm.streams.profile.CustomerProfile.ProfileItem::itemId).toList();
    }

    @Test
    void aLoginMovesTheAnonymousHistoryIntoTheCustomerAndLaterAnonymousEventsFollow() {
        sendEvent("anon-1", null, EventType.PRODUCT_VIEW, "x");
        sendEvent("anon-1", null, EventType.ADD_TO_CART, "y");
        sendEvent("anon-1", "c1", EventType.LOGIN, null);
        assertNull(profile("a:anon-1"), "the anonymous profile moved");
        assertNull(history("a:anon-1"));
        assertEquals("c:c1", this.<String>store(Stores.IDENTITY_LINKS).get("a:anon-1"));
        io.ecrm.streams.profile.CustomerProfile customer = profile("c:c1");
        assertEquals("c1", customer.customerId());
        assertEquals(List.of("anon-1"), customer.anonymousIds());
        assertEquals(List.of("y", "x"), itemsOf(customer));
        assertEquals(java.util.Map.of("y", 1), customer.cart());
        assertEquals(1, customer.sessions(), "the login came in the middle of the visit");
        assertEquals(List.of("y", "x"), history("c:c1").recentItemIds());

        sendEvent("anon-1", null, EventType.PRODUCT_VIEW, "z"); // logged out, same browser
        assertNull(profile("a:anon-1"));
        assertEquals(List.of("z", "y", "x"), itemsOf(profile("c:c1")));
        assertEquals(List.of("z", "y", "x"), history("c:c1").recentItemIds());
    }

    private void show(String anonymousId, String recommendationId, String placement, String... items) {
        ClickEvent event = ClickEvent.impression("e" + sequence++, time += 1000, anonymousId, recommendationId, placement,
                List.of(items));
        events.pipeInput(event.visitorKey(), event);
    }

    private void click(String anonymousId, String customerId, EventType type, String item, String recommendationId) {
        ClickEvent event = new ClickEvent("e" + sequence++, type, time += 1000, anonymousId, customerId, null, item, 2,
                type == EventType.PURCHASE ? 10.0 : null, type == EventType.PURCHASE ? "EUR" : null, null, null, null, null)
                .fromRecommendation(recommendationId);
        events.pipeInput(event.visitorKey(), event);
    }

    private io.ecrm.streams.earnings.Earnings earned(String placement) {
        io.ecrm.streams.earnings.Earnings sum = io.ecrm.streams.earnings.Earnings.NONE;
        try (var it = this.<io.ecrm.streams.earnings.Earnings>store(Stores.RECOMMENDATION_EARNINGS).all()) {
            while (it.hasNext()) {
                var entry = it.next();
                if (io.ecrm.streams.earnings.EarningsKey.parse(entry.key).placement().equals(placement)) {
                    sum = sum.plus(entry.value);
                }
            }
        }
        return sum;
    }

    @Test
    void impressionsAreShowingsInTheHistoryAndEarningsPerPlacementWithoutTouchingTheProfile() {
        show("v1", "r1", "home", "a", "b", "c");
        assertNull(profile("a:v1"), "an impression is not something the visitor did");
        assertEquals(List.of("a", "b", "c"), history("a:v1").shown().items().stream()
                .map(io.ecrm.recommender.ShownItems.Shown::itemId).toList());
        assertNull(this.<Double>store(Stores.ITEM_WEIGHTS).get("a"), "nor does it count for the items");
        click("v1", null, EventType.PRODUCT_VIEW, "b", "r1");
        click("v1", null, EventType.PRODUCT_VIEW, "b", "r1"); // a second view from the same list: one click
        sendEvent("v1", null, EventType.ADD_TO_CART, "b");
        sendEvent("v1", null, EventType.PURCHASE, "b");
        sendEvent("v1", null, EventType.PURCHASE, "c"); // shown, never clicked: not attributed
        assertEquals(List.of("a"), history("a:v1").shown().items().stream()
                .map(io.ecrm.recommender.ShownItems.Shown::itemId).toList(), "the visitor came back to b and c");
        // the purchase's quantity is 1 at 10.0
        assertEquals(new io.ecrm.streams.earnings.Earnings(1, 3, 1, 1, 1, 10.0), earned("home"));
        assertEquals(io.ecrm.streams.earnings.Earnings.NONE, earned("unknown"));
    }

    @Test
    void aClickBeforeTheLoginIsAttributedToThePurchaseAfterIt() {
        show("anon-2", "r1", "cart-page", "x");
        click("anon-2", null, EventType.PRODUCT_VIEW, "x", "r1");
        sendEvent("anon-2", "c2", EventType.LOGIN, null);
        sendEvent(null, "c2", EventType.PURCHASE, "x");
        assertEquals(new io.ecrm.streams.earnings.Earnings(1, 1, 1, 0, 1, 10.0), earned("cart-page"));
        click(null, "c2", EventType.PRODUCT_VIEW, "y", "not-shown-here");
        assertEquals(1, earned("unknown").clicks(), "a click whose impression was never sent");
    }

    @Test
    void aKnownCustomerPicksUpAnAnonymousIdSeenBeforeTheLink() {
        sendEvent(null, "c2", EventType.PURCHASE, "p");        // a server-side order: customer only
        sendEvent("anon-2", null, EventType.PRODUCT_VIEW, "q"); // a new device, not yet known
        assertEquals(List.of("q"), itemsOf(profile("a:anon-2")));
        sendEvent("anon-2", "c2", EventType.PRODUCT_VIEW, "r"); // logged in on that device
        io.ecrm.streams.profile.CustomerProfile customer = profile("c:c2");
        assertNull(profile("a:anon-2"));
        assertEquals(List.of("r", "q", "p"), itemsOf(customer));
        assertEquals(1, customer.orders());
        assertEquals(10.0, customer.revenue(), 1e-9);
        assertEquals(java.util.Map.of(EventType.PURCHASE, 1L, EventType.PRODUCT_VIEW, 2L), customer.eventsByType());
        assertEquals(List.of("p"), history("c:c2").purchased());
    }

    @Test
    void erasingACustomerErasesTheAnonymousIdsLinkedToThem() {
        sendEvent("anon-3", null, EventType.PRODUCT_VIEW, "x");
        sendEvent("anon-3", "c3", EventType.LOGIN, null);
        sendEvent("anon-3", null, EventType.PRODUCT_VIEW, "y");
        TestInputTopic<String, String> forget = driver.createInputTopic(TOPICS.forget(),
                StateSerdes.keys().serializer(), StateSerdes.keys().serializer());
        forget.pipeInput("c:c3", "test");
        for (String key : List.of("c:c3", "a:anon-3")) {
            for (String store : List.of(Stores.VISITORS, Stores.IDENTITY_LINKS)) {
                assertNull(this.<Object>store(store).get(key), store + " " + key);
            }
        }
        try (var expiry = this.<Long>store(Stores.VISIT_EXPIRY).all()) {
            expiry.forEachRemaining(kv -> assertFalse(kv.key.contains("c3") || kv.key.contains("anon-3"), kv.key));
        }
        sendEvent("anon-3", null, EventType.PRODUCT_VIEW, "z"); // the browser comes back: a stranger now
        assertEquals(List.of("z"), itemsOf(profile("a:anon-3")));
        assertNull(profile("c:c3"));
    }

    @Test
    void theIdentityLinksKeptForQueriesFollowTheLinkAndTheErasure() {
        java.util.function.Function<String, String> stored = key -> this.<String>store(Stores.IDENTITY_LINKS).get(key);
        sendEvent("anon-4", null, EventType.PRODUCT_VIEW, "x");
        assertNull(decoded.links().get("a:anon-4", stored), "not linked yet, and kept as not linked");
        sendEvent("anon-4", "c4", EventType.LOGIN, null);
        assertEquals("c:c4", decoded.links().get("a:anon-4", key -> "read again"), "the link replaced what was kept");
        TestInputTopic<String, String> forget = driver.createInputTopic(TOPICS.forget(),
                StateSerdes.keys().serializer(), StateSerdes.keys().serializer());
        forget.pipeInput("a:anon-4", "test");
        assertNull(decoded.links().get("a:anon-4", key -> "read again"), "the erasure replaced what was kept");
    }

    @Test
    void profilesCountViewsByTheCatalogueCategory() {
        var catalog = driver.createInputTopic(TOPICS.catalog(), StateSerdes.keys().serializer(),
                StateSerdes.CATALOG_ITEM.serializer());
        catalog.pipeInput("p1", new io.ecrm.schemas.CatalogItem("p1", "Phone", "phones", 499.0, "EUR", true));
        catalog.pipeInput("c1", new io.ecrm.schemas.CatalogItem("c1", "Case", "cases", 19.0, "EUR", true));
        views("v1", "p1", "c1", "p1", "unlisted");
        io.ecrm.streams.profile.CustomerProfile profile = profile("a:v1");
        assertEquals(java.util.Map.of("phones", 2L, "cases", 1L), profile.categoryCounts());
        assertEquals(List.of("phones", "cases"), profile.topCategories());
        assertEquals("phones", profile.recentItems().get(1).category());
        assertNull(profile.recentItems().get(0).category(), "an item the catalogue does not list has no category");
    }

    @Test
    void theItemSideCountsEachItemsEventsByKindAndPublishesItsActivity() {
        views("v1", "a", "b");
        send("v1", EventType.ADD_TO_CART, "a");
        send("v1", EventType.PURCHASE, "a");
        send("v2", EventType.PRODUCT_VIEW, "a");
        send("v2", EventType.REMOVE_FROM_CART, "a");
        driver.advanceWallClockTime(Duration.ofMillis(StreamsSettings.DEFAULTS.neighbourRefreshMillis()));
        var a = this.<io.ecrm.streams.items.ItemActivity>store(Stores.ITEM_ACTIVITY_GLOBAL).get("a");
        assertEquals(2, a.views());
        assertEquals(1, a.carts());
        assertEquals(1, a.purchases());
        // weights: two views 1 + cart 3 + purchase 5, all within the hour; each reached the item side with
        // its commit, stamped with its own event time, so the first ones have decayed by seconds of an hour
        assertEquals(10.0, a.decayed(io.ecrm.streams.items.ActivityWindow.HOUR, a.updatedMillis()), 0.01);
        assertEquals(1, this.<io.ecrm.streams.items.ItemActivity>store(Stores.ITEM_ACTIVITY_GLOBAL).get("b").views());
    }

    @Test
    void aVisitSummaryHoldsEveryItemEvenWhenItsEventsShareATimestamp() {
        long gap = StreamsSettings.DEFAULTS.sessionGapMillis();
        var sessions = driver.createOutputTopic(TOPICS.sessions(), StateSerdes.keys().deserializer(),
                StateSerdes.SESSION_SUMMARY.deserializer());
        for (String item : List.of("kayak", "paddle", "dry-bag")) {
            viewAt("paddler", item, time);
        }
        viewAt("passer-by", "x", time + 2 * gap);
        assertEquals(List.of("kayak", "paddle", "dry-bag"), sessions.readValue().items());
    }
}
