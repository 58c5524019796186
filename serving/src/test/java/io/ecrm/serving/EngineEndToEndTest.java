package io.ecrm.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecrm.recommender.VisitorHistory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole path on a real embedded Kafka broker: events posted over HTTP go through Kafka and
 * the Streams topology into RocksDB, and recommendations come back over HTTP.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EngineEndToEndTest {
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final long T0 = 1_763_975_730_000L;

    @TempDir
    static Path dataDir;
    private EngineSettings settings;
    private Engine engine;
    private HttpClientSupport http;
    private int sequence;

    @BeforeAll
    void start() throws Exception {
        settings = TestEngines.embedded(dataDir, "demo", "other");
        TestEngines.writeKeys(dataDir);
        engine = Engine.start(settings);
        http = new HttpClientSupport(engine.baseUrl(), TestEngines.DEMO_KEY);
        http.await("/health", r -> r.status() == 200 && "RUNNING".equals(r.body().at("/tenants/demo").asText())
                && "RUNNING".equals(r.body().at("/tenants/other").asText()), PATIENCE);
    }

    @AfterAll
    void stop() {
        if (engine != null) {
            engine.close();
        }
    }

    private String view(String visitor, String item) {
        return String.format("{\"eventId\":\"e%d\",\"type\":\"product_view\",\"timestamp\":%d,\"anonymousId\":\"%s\",\"itemId\":\"%s\"}",
                sequence++, T0 + sequence * 1000L, visitor, item);
    }

    private HttpClientSupport.Response postEvents(List<String> events) throws Exception {
        return http.post("/v1/events", "application/json", "[" + String.join(",", events) + "]");
    }

    private static List<String> itemIds(JsonNode answer) {
        return StreamSupport.stream(answer.get("items").spliterator(), false).map(i -> i.get("itemId").asText()).toList();
    }

    @Test
    @Order(1)
    void postedEventsBecomeNeighboursAndRecommendations() throws Exception {
        List<String> events = new ArrayList<>();
        for (int v = 0; v < 12; v++) {
            events.add(view("shopper-" + v, "tent"));
            events.add(view("shopper-" + v, "sleeping-bag"));
        }
        events.add(view("shopper-x", "tent"));
        events.add(view("shopper-x", "stove"));
        HttpClientSupport.Response accepted = postEvents(events);
        assertEquals(202, accepted.status());
        assertEquals(events.size(), accepted.body().get("accepted").asInt());

        HttpClientSupport.Response similar = http.await("/v1/items/tent/similar?count=5",
                r -> r.status() == 200 && itemIds(r.body()).size() == 2, PATIENCE);
        assertEquals(List.of("sleeping-bag", "stove"), itemIds(similar.body()));
        java.util.Map<String, String> lists = java.util.Map.of("/v1/items/tent/similar?count=5", "/v1/items/{id}/similar",
                "/v1/items/popular?count=3", "/v1/items/popular", "/v1/items/trending", "/v1/items/trending");
        for (String list : lists.keySet()) {
            JsonNode answer = http.get(list).body();
            DocumentedAnswers.assertDocumented(lists.get(list), answer);
            assertTrue(answer.path("recommendationId").asText().matches("[0-9a-f]{16}"), list + ": " + answer);
            for (int i = 0; i < answer.get("items").size(); i++) {
                assertEquals(i + 1, answer.at("/items/" + i + "/position").asInt(), list + ": " + answer);
            }
        }
        assertNotEquals(similar.body().get("recommendationId"), http.get("/v1/items/tent/similar?count=5").body()
                .get("recommendationId"), "each list answer has an id of its own");

        assertEquals(202, postEvents(List.of(view("newcomer", "tent"))).status());
        HttpClientSupport.Response recommended = http.await("/v1/customers/newcomer/recommendations?count=3",
                r -> r.status() == 200 && itemIds(r.body()).get(0).equals("sleeping-bag"), PATIENCE);
        assertEquals("tent", recommended.body().at("/items/0/because").asText());
        assertFalse(itemIds(recommended.body()).contains("tent"), "the item being viewed is not recommended back");
        for (int i = 0; i < recommended.body().get("items").size(); i++) {
            assertEquals(i + 1, recommended.body().at("/items/" + i + "/position").asInt());
        }
        String recommendationId = recommended.body().get("recommendationId").asText();
        assertTrue(recommendationId.matches("[0-9a-f]{16}"), recommendationId);
        assertNotEquals(recommendationId, http.get("/v1/customers/newcomer/recommendations?count=3").body()
                .get("recommendationId").asText(), "each answer has an id of its own");

        JsonNode explainedAnswer = http.get("/v1/customers/newcomer/recommendations?count=3&explain=true").body();
        DocumentedAnswers.assertDocumented("/v1/customers/{id}/recommendations", explainedAnswer);
        JsonNode explained = explainedAnswer.at("/items/0");
        assertEquals("sleeping-bag", explained.get("itemId").asText());
        assertEquals("tent", explained.at("/explanation/0/because").asText());
        assertTrue(explained.at("/explanation/0/similarity").asDouble() > 0, explained.toString());
        assertTrue(recommended.body().at("/items/0/explanation").isMissingNode(), "explanations only when asked for");
        assertFalse(itemIds(http.get("/v1/customers/newcomer/recommendations?count=3&exclude=sleeping-bag,x").body())
                .contains("sleeping-bag"));
        assertTrue(itemIds(http.get("/v1/customers/newcomer/recommendations?count=3&includeSeen=true").body()).contains("tent"),
                "a seen item may come back when asked for");
    }

    @Test
    @Order(2)
    void theCustomerViewShowsAVisitorsProfile() throws Exception {
        HttpClientSupport.Response profile = http.await("/v1/customers/newcomer", r -> r.status() == 200, PATIENCE);
        assertEquals("tent", profile.body().at("/profile/recentItems/0/itemId").asText());
        assertEquals("product_view", profile.body().at("/profile/recentItems/0/type").asText());
        assertEquals(1, profile.body().at("/profile/sessions").asInt());
        HttpClientSupport.Raw erased = http.raw(http.request("/v1/customers/shopper-x").DELETE());
        assertEquals(202, erased.status());
        http.await("/v1/customers/shopper-x", r -> r.status() == 404, PATIENCE);
        HttpClientSupport.Response afterwards = http.await("/v1/customers/shopper-x/recommendations?count=1",
                r -> r.status() == 200 && r.body().at("/items/0/because").isMissingNode(), PATIENCE);
        assertEquals(1, afterwards.body().get("items").size(), "no history left: popular items");
        HttpClientSupport.Response unknown = http.get("/v1/customers/never-seen");
        assertEquals(404, unknown.status());
        assertEquals("https://ecrm.io/problems/not-found", unknown.body().get("type").asText());
    }

    @Test
    @Order(2)
    void aKeyReachesOnlyItsOwnTenant() throws Exception {
        HttpClientSupport other = new HttpClientSupport(engine.baseUrl(), TestEngines.OTHER_KEY);
        assertEquals(200, http.await("/v1/customers/newcomer", r -> r.status() == 200, PATIENCE).status());
        assertEquals(404, other.get("/v1/customers/newcomer").status(), "the demo tenant's visitor does not exist for another");
        assertEquals(404, other.get("/v1/items/tent/similar").status());
        assertEquals(202, other.post("/v1/events", "application/json", "[" + view("other-visitor", "kettle") + "]").status());
        other.await("/v1/customers/other-visitor", r -> r.status() == 200, PATIENCE);
        assertEquals(404, http.get("/v1/customers/other-visitor").status(), "nor the other way round");
    }

    @Test
    @Order(2)
    void anUnknownVisitorGetsPopularItems() throws Exception {
        // popular lists are recomputed in the background at most every 2 s: one read before the last
        // events were counted may still lead with another item for that long
        HttpClientSupport.Response answer = http.await("/v1/customers/nobody-yet/recommendations?count=2",
                r -> r.status() == 200 && itemIds(r.body()).size() == 2 && itemIds(r.body()).get(0).equals("tent"), PATIENCE);
        assertEquals("tent", itemIds(answer.body()).get(0));
        assertTrue(answer.body().at("/items/0/because").isMissingNode());
    }

    @Test
    @Order(3)
    void aBatchWithABadEventIsRefusedWholeWithEveryBadField() throws Exception {
        String bad = "{\"eventId\":\"bad\",\"type\":\"product_view\",\"timestamp\":1763975730,\"anonymousId\":\"ghost\"}";
        HttpClientSupport.Response refused = postEvents(List.of(view("ghost", "lantern"), bad));
        assertEquals(400, refused.status());
        assertTrue(refused.contentType().startsWith("application/problem+json"));
        List<String> pointers = StreamSupport.stream(refused.body().get("errors").spliterator(), false)
                .map(e -> e.get("pointer").asText()).toList();
        assertEquals(List.of("/1/timestamp", "/1/itemId"), pointers);
        assertEquals("https://ecrm.io/problems/validation", refused.body().get("type").asText());

        // a later good event for the same visitor is processed; the refused one never was
        assertEquals(202, postEvents(List.of(view("ghost", "compass"))).status());
        http.await("/v1/customers/ghost/recommendations", r -> r.status() == 200, PATIENCE);
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        VisitorHistory history = null;
        while (System.nanoTime() < deadline && history == null) {
            history = engine.tenants().defaultTenant().history("ghost").orElse(null);
            Thread.sleep(50);
        }
        assertEquals(List.of("compass"), history.recentItemIds());
    }

    @Test
    @Order(4)
    void badRequestsGetProblemsNeverStackTraces() throws Exception {
        HttpClientSupport.Response malformed = http.post("/v1/events", "application/json", "[{\"eventId\":");
        assertEquals(400, malformed.status());
        assertEquals("https://ecrm.io/problems/malformed-json", malformed.body().get("type").asText());

        HttpClientSupport.Response wrongType = http.post("/v1/events", "text/csv", "a,b");
        assertEquals(415, wrongType.status());

        StringBuilder tooMany = new StringBuilder("[");
        for (int i = 0; i <= settings.maxBatchEvents(); i++) {
            tooMany.append(i == 0 ? "" : ",").append("{}");
        }
        HttpClientSupport.Response large = http.post("/v1/events", "application/json", tooMany + "]");
        assertEquals(413, large.status());
        assertTrue(large.body().get("detail").asText().contains(String.valueOf(settings.maxBatchEvents())));

        HttpClientSupport.Response badCount = http.get("/v1/customers/x/recommendations?count=0");
        assertEquals(400, badCount.status());
        assertEquals("query/count", badCount.body().at("/errors/0/pointer").asText());

        HttpClientSupport.Response unknownItem = http.get("/v1/items/no-such-item/similar");
        assertEquals(404, unknownItem.status());
        assertTrue(unknownItem.contentType().startsWith("application/problem+json"));

        HttpClientSupport.Response noRoute = http.get("/v1/nothing-here");
        assertEquals(404, noRoute.status());
        assertEquals("https://ecrm.io/problems/not-found", noRoute.body().get("type").asText());

        HttpClientSupport anonymous = new HttpClientSupport(engine.baseUrl());
        HttpClientSupport.Response noKey = anonymous.get("/v1/customers/x/recommendations");
        assertEquals(401, noKey.status());
        assertEquals("https://ecrm.io/problems/unauthorized", noKey.body().get("type").asText());
        HttpClientSupport.Response wrongKey = new HttpClientSupport(engine.baseUrl(),
                "ecrm_0000d0d0_not-the-secret-of-the-demo-key").get("/v1/customers/x/recommendations");
        assertEquals(401, wrongKey.status());
        assertEquals(401, anonymous.post("/v1/events", "application/json", "[]").status());
        assertEquals(200, anonymous.get("/health").status(), "health needs no key");
    }

    @Test
    @Order(5)
    void theBrowserCollectorTakesBeaconsPixelsAndServesTheTracker() throws Exception {
        String beacon = view("beacon-visitor", "tent");
        HttpClientSupport.Response collected = http.post("/v1/collect?tenant=demo", "text/plain;charset=UTF-8", beacon);
        assertEquals(202, collected.status());
        assertEquals(1, collected.body().get("accepted").asInt());

        HttpClientSupport.Raw preflight = http.raw(http.request("/v1/collect")
                .header("Origin", "https://shop.example").method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody()));
        assertEquals(204, preflight.status());
        assertEquals("https://shop.example", preflight.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
        HttpClientSupport.Raw stranger = http.raw(http.request("/v1/collect")
                .header("Origin", "https://evil.example").method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody()));
        assertTrue(stranger.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
        HttpClientSupport.Raw otherShop = http.raw(http.request("/v1/collect?tenant=other")
                .header("Origin", "https://other.example").method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody()));
        assertEquals("https://other.example", otherShop.headers().firstValue("Access-Control-Allow-Origin").orElse(""),
                "a tenant's own origins");
        HttpClientSupport.Raw notOthers = http.raw(http.request("/v1/collect?tenant=other")
                .header("Origin", "https://shop.example").method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody()));
        assertTrue(notOthers.headers().firstValue("Access-Control-Allow-Origin").isEmpty(),
                "a tenant with its own list does not take the installation's");

        HttpClientSupport.Raw pixel = http.raw(http.request(
                "/v1/pixel.gif?type=product_view&anonymousId=mail-reader&itemId=tent&eventId=px-1&timestamp=" + T0).GET());
        assertEquals(200, pixel.status());
        assertEquals("image/gif", pixel.headers().firstValue("Content-Type").orElse(""));
        assertEquals("GIF89a", new String(pixel.body(), 0, 6, java.nio.charset.StandardCharsets.US_ASCII));
        HttpClientSupport.Response badPixel = http.get("/v1/pixel.gif?type=product_view&anonymousId=mail-reader");
        assertEquals(400, badPixel.status());
        assertEquals("/0/itemId", badPixel.body().at("/errors/0/pointer").asText());

        HttpClientSupport.Raw tracker = http.raw(http.request("/ecrm.js").GET());
        assertEquals(200, tracker.status());
        assertTrue(new String(tracker.body(), java.nio.charset.StandardCharsets.UTF_8).contains("sendBeacon"));
    }

    @Test
    @Order(6)
    void rejectedEventsAreCountedByReasonInTheMetrics() throws Exception {
        String event = view("twice", "tent");
        assertEquals(202, postEvents(List.of(event)).status());
        assertEquals(202, postEvents(List.of(event)).status());
        String text = awaitMetrics(List.of("ecrm_events_rejected_total{reason=\"duplicate\",tenant=\"demo\"} 1.0"));
        assertTrue(text.contains("ecrm_events_clean_total{tenant=\"demo\"}"));
    }

    /** The Prometheus page once it holds every one of {@code lines} (or, after the patience, a failed test naming them). */
    private String awaitMetrics(List<String> lines) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        String text = "";
        while (System.nanoTime() < deadline && !lines.stream().allMatch(text::contains)) {
            text = new String(http.raw(http.request("/metrics").GET()).body(), java.nio.charset.StandardCharsets.UTF_8);
            Thread.sleep(100);
        }
        for (String line : lines) {
            assertTrue(text.contains(line), line + " not in\n" + text);
        }
        return text;
    }

    @Test
    @Order(7)
    void replayLoadsADataSetFileThroughKafka() throws Exception {
        java.nio.file.Path file = dataDir.resolve("sessions.tsv");
        java.nio.file.Files.writeString(file, "SessionId\tItemId\tTime\n"
                + "900\tkayak\t1763975800\n900\tpaddle\t1763975830\n"
                + "901\tkayak\t1763975900\n901\tpaddle\t1763975930\n"
                + "902\tkayak\tnot-a-time\n");
        java.io.StringWriter out = new java.io.StringWriter();
        picocli.CommandLine cli = io.ecrm.serving.cli.EcrmCommand.commandLine();
        cli.setOut(new java.io.PrintWriter(out));
        int exit = cli.execute("replay", "--tenant", "demo", "--format", "session-tsv",
                "--bootstrap-servers", engine.bootstrapServers(), file.toString());
        assertEquals(0, exit);
        assertTrue(out.toString().contains("lines refused  1"), out.toString());
        assertTrue(out.toString().contains("bad Time"), out.toString());
        HttpClientSupport.Response similar = http.await("/v1/items/kayak/similar",
                r -> r.status() == 200 && itemIds(r.body()).contains("paddle"), PATIENCE);
        assertEquals(List.of("paddle"), itemIds(similar.body()));
        assertEquals(1, http.get("/v1/customers/s900/recommendations?count=1").body().get("items").size());

        // a small slice of every other format goes the same way
        String iso1 = java.time.Instant.ofEpochSecond(1763975800).toString();
        String iso2 = java.time.Instant.ofEpochSecond(1763975830).toString();
        java.util.Map<String, String> slices = java.util.Map.of(
                "yoochoose", "910," + iso1 + ",yc-tent,0\n910," + iso2 + ",yc-pole,0\n911," + iso1 + ",yc-tent,0\n911," + iso2 + ",yc-pole,0\n",
                "diginetica", "session_id;user_id;item_id;timeframe;eventdate\n920;NA;dg-tent;0;2025-11-24\n920;NA;dg-pole;1000;2025-11-24\n"
                        + "921;7;dg-tent;0;2025-11-24\n921;7;dg-pole;2000;2025-11-24\n",
                "retailrocket", "timestamp,visitorid,event,itemid,transactionid\n1763975800000,930,view,rr-tent,\n1763975830000,930,addtocart,rr-pole,\n"
                        + "1763975800000,931,view,rr-tent,\n1763975830000,931,view,rr-pole,\n",
                "jsonl", "{\"eventId\":\"j1\",\"type\":\"product_view\",\"timestamp\":1763975800000,\"anonymousId\":\"j\",\"itemId\":\"js-tent\"}\n"
                        + "{\"eventId\":\"j2\",\"type\":\"product_view\",\"timestamp\":1763975830000,\"anonymousId\":\"j\",\"itemId\":\"js-pole\"}\n");
        java.util.Map<String, String> prefixes = java.util.Map.of("yoochoose", "yc", "diginetica", "dg", "retailrocket", "rr", "jsonl", "js");
        for (java.util.Map.Entry<String, String> slice : slices.entrySet()) {
            java.nio.file.Path sliceFile = dataDir.resolve(slice.getKey() + ".txt");
            java.nio.file.Files.writeString(sliceFile, slice.getValue());
            assertEquals(0, cli.execute("replay", "--tenant", "demo", "--format", slice.getKey(),
                    "--bootstrap-servers", engine.bootstrapServers(), sliceFile.toString()), slice.getKey());
            String prefix = prefixes.get(slice.getKey());
            http.await("/v1/items/" + prefix + "-tent/similar",
                    r -> r.status() == 200 && itemIds(r.body()).contains(prefix + "-pole"), PATIENCE);
        }

        int unknownTenant = cli.execute("replay", "--tenant", "nobody", "--format", "session-tsv",
                "--bootstrap-servers", engine.bootstrapServers(), file.toString());
        assertEquals(2, unknownTenant, "a tenant the engine does not serve is a usage error, not a crash");
    }

    private String event(String type, String anonymousId, String customerId, String item) {
        return String.format("{\"eventId\":\"e%d\",\"type\":\"%s\",\"timestamp\":%d%s%s%s}", sequence++, type,
                T0 + sequence * 1000L, anonymousId == null ? "" : ",\"anonymousId\":\"" + anonymousId + "\"",
                customerId == null ? "" : ",\"customerId\":\"" + customerId + "\"",
                item == null ? "" : ",\"itemId\":\"" + item + "\"");
    }

    @Test
    @Order(7)
    void anAudienceListsTheCustomersWhoLookedAtTheItemOrItsNeighboursButDidNotBuyIt() throws Exception {
        List<String> events = new ArrayList<>();
        events.add(event("product_view", "cookie-1", "fan-1", "tent"));          // the item itself
        events.add(event("product_view", "cookie-2", "fan-2", "sleeping-bag"));  // a neighbour of it
        events.add(event("product_view", "cookie-3", "buyer-3", "tent"));
        events.add(event("purchase", "cookie-3", "buyer-3", "tent"));            // has it already
        events.add(event("product_view", "cookie-4", null, "tent"));             // not known by name
        assertEquals(202, postEvents(events).status());
        // the visitors' events are processed apart (their own partitions): buyer-3 is a member for as
        // long as its view is in and its purchase not yet, so the audience is read once it has both
        HttpClientSupport.Response audience = http.await("/v1/items/tent/audience?count=10",
                r -> r.status() == 200 && r.body().get("members").size() >= 2 && !r.body().toString().contains("\"buyer-3\""),
                PATIENCE);
        List<String> ids = StreamSupport.stream(audience.body().get("members").spliterator(), false)
                .map(m -> m.get("id").asText()).toList();
        assertEquals("fan-1", ids.get(0), "who viewed the item itself comes first: " + ids);
        assertTrue(ids.contains("fan-2"), ids.toString());
        assertFalse(ids.contains("buyer-3"), "a buyer of the item is no audience for it: " + ids);
        assertFalse(ids.contains("cookie-4"), "anonymous visitors only when asked for: " + ids);
        assertEquals("sleeping-bag", audience.body().at("/members/" + ids.indexOf("fan-2") + "/because").asText());
        HttpClientSupport.Response withAnonymous = http.get("/v1/items/tent/audience?includeAnonymous=true");
        assertTrue(withAnonymous.body().toString().contains("\"cookie-4\""), withAnonymous.body().toString());

        // the anonymous browsing of cookie-4 joins customer late-5 when they log in
        assertEquals(202, postEvents(List.of(event("login", "cookie-4", "late-5", null))).status());
        HttpClientSupport.Response merged = http.await("/v1/customers/cookie-4",
                r -> r.status() == 200 && r.body().at("/profile/recentItems").size() == 1
                        && r.body().at("/profile/customerId").asText().equals("late-5"), PATIENCE);
        assertEquals("tent", merged.body().at("/profile/recentItems/0/itemId").asText(), "the anonymous view moved in");
        assertEquals("cookie-4", merged.body().at("/profile/anonymousIds/0").asText());

        HttpClientSupport.Response trending = http.await("/v1/items/trending?window=1h",
                r -> r.status() == 200 && r.body().get("items").size() > 0, PATIENCE);
        assertEquals("1h", trending.body().get("window").asText());
    }

    @Test
    @Order(8)
    void aRestartKeepsAllState() throws Exception {
        engine.close();
        engine = Engine.start(settings);
        http = new HttpClientSupport(engine.baseUrl(), TestEngines.DEMO_KEY);
        HttpClientSupport.Response similar = http.await("/v1/items/tent/similar?count=5",
                r -> r.status() == 200 && itemIds(r.body()).size() == 2, PATIENCE);
        assertEquals(List.of("sleeping-bag", "stove"), itemIds(similar.body()));
        // before the tenant runs again, an answer may come without visitor state (personalised false)
        // and from item lists still restoring; once it runs, the popular list is the one before the restart
        http.await("/health/ready", r -> r.status() == 200, PATIENCE);
        HttpClientSupport.Response recommended = http.await("/v1/customers/newcomer/recommendations?count=1",
                r -> r.status() == 200 && r.body().get("personalised").asBoolean(), PATIENCE);
        assertEquals(List.of("sleeping-bag"), itemIds(recommended.body()));
    }

    @Test
    @Order(9)
    void theCatalogueFiltersSimilarItemsByAvailabilityAndCategory() throws Exception {
        assertEquals(202, http.post("/v1/catalog", "application/json", """
                [{"itemId": "stove", "category": "cooking"},
                 {"itemId": "sleeping-bag", "category": "sleep", "available": false}]""").status());
        HttpClientSupport.Response similar = http.await("/v1/items/tent/similar?count=5",
                r -> r.status() == 200 && itemIds(r.body()).equals(List.of("stove")), PATIENCE);
        assertEquals(List.of("stove"), itemIds(similar.body()), "the sold-out sleeping bag is left out");
        assertEquals(List.of(), itemIds(http.get("/v1/items/tent/similar?category=sleep").body()));
        assertEquals(List.of("stove"), itemIds(http.get("/v1/items/tent/similar?category=cooking").body()));
    }

    @Test
    @Order(10)
    void closedVisitsBecomeSessionNeighboursForLaterVisitors() throws Exception {
        long start = T0 + 30L * 86_400_000L; // later than every event before: nothing here is late
        List<String> events = new ArrayList<>();
        for (int v = 0; v < 3; v++) {
            for (String item : List.of("kayak", "paddle", "dry-bag")) {
                events.add(String.format("{\"eventId\":\"k%d-%s\",\"type\":\"product_view\",\"timestamp\":%d,"
                        + "\"anonymousId\":\"paddler-%d\",\"itemId\":\"%s\"}", v, item, start + v * 60_000L, v, item));
            }
        }
        // two hours later on every partition: the paddlers' visits are a whole gap behind and close
        for (int v = 0; v < 40; v++) {
            events.add(String.format("{\"eventId\":\"later-%d\",\"type\":\"page_view\",\"timestamp\":%d,"
                    + "\"anonymousId\":\"passer-by-%d\"}", v, start + 2 * 3_600_000L, v));
        }
        assertEquals(202, postEvents(events).status());
        events.clear();
        events.add(String.format("{\"eventId\":\"k-new\",\"type\":\"product_view\",\"timestamp\":%d,"
                + "\"anonymousId\":\"new-paddler\",\"itemId\":\"kayak\"}", start + 2 * 3_600_000L + 1000));
        assertEquals(202, postEvents(events).status());
        HttpClientSupport.Response answer = http.await("/v1/customers/new-paddler/recommendations?count=5&explain=true",
                r -> r.status() == 200 && itemIds(r.body()).containsAll(List.of("paddle", "dry-bag")), PATIENCE);
        assertEquals("session_neighbours", answer.body().at("/items/0/explanation/0/source").asText(), answer.body().toString());
    }

    /** An event now (the ranking judges showings against the wall clock), {@code extra} its further fields. */
    private String eventNow(long at, String type, String visitor, String extra) {
        return String.format("{\"eventId\":\"now-%d\",\"type\":\"%s\",\"timestamp\":%d,\"anonymousId\":\"%s\"%s}",
                sequence++, type, at, visitor, extra);
    }

    @Test
    @Order(20) // last: its events are stamped now, which moves the partitions' event time past every other test's
    void ignoredItemsLeaveARecommendationAClickBringsOneBackAndItsPurchaseIsAttributed() throws Exception {
        long at = System.currentTimeMillis() - 600_000L;
        List<String> events = new ArrayList<>();
        List<String> gear = List.of("sock", "lace", "insole", "polish", "gaiter", "crampon", "map", "compass");
        for (int v = 0; v < 8; v++) {
            for (int g = 0; g <= v; g++) { // sock goes with the boot most often, compass least
                events.add(eventNow(at += 1000, "product_view", "walker-" + v + "-" + g, ",\"itemId\":\"boot\""));
                events.add(eventNow(at += 1000, "product_view", "walker-" + v + "-" + g, ",\"itemId\":\"" + gear.get(7 - v) + "\""));
            }
        }
        events.add(eventNow(at += 1000, "product_view", "hiker", ",\"itemId\":\"boot\""));
        assertEquals(202, postEvents(events).status());
        HttpClientSupport.Response first = http.await("/v1/customers/hiker/recommendations?count=3",
                r -> r.status() == 200 && itemIds(r.body()).equals(List.of("sock", "lace", "insole")), PATIENCE);

        // shown three times and left alone: the three leave the list, the next ones take their places
        String recommendationId = first.body().get("recommendationId").asText();
        for (int shown = 0; shown < 3; shown++) {
            assertEquals(202, postEvents(List.of(eventNow(at += 1000, "impression", "hiker", ",\"recommendationId\":\""
                    + recommendationId + "\",\"placement\":\"product-page\",\"itemIds\":[\"sock\",\"lace\",\"insole\"]"))).status());
        }
        HttpClientSupport.Response after = http.await("/v1/customers/hiker/recommendations?count=3",
                r -> r.status() == 200 && itemIds(r.body()).stream().noneMatch(List.of("sock", "lace", "insole")::contains), PATIENCE);
        assertEquals(List.of("polish", "gaiter", "crampon"), itemIds(after.body()));

        // a click on lace (from the first list) brings it back; seen now, it shows again where seen items may
        assertEquals(202, postEvents(List.of(eventNow(at += 1000, "product_view", "hiker", ",\"itemId\":\"lace\","
                + "\"recommendationId\":\"" + recommendationId + "\""))).status());
        HttpClientSupport.Response back = http.await("/v1/customers/hiker/recommendations?count=8&includeSeen=true",
                r -> r.status() == 200 && itemIds(r.body()).contains("lace"), PATIENCE);
        assertFalse(itemIds(back.body()).contains("sock"), "still hidden: " + itemIds(back.body()));
        assertFalse(itemIds(back.body()).contains("insole"), "still hidden: " + itemIds(back.body()));

        // bought within a day of the click: the purchase and its revenue go to the placement of the list
        assertEquals(202, postEvents(List.of(
                eventNow(at += 1000, "add_to_cart", "hiker", ",\"itemId\":\"lace\",\"quantity\":2"),
                eventNow(at += 1000, "purchase", "hiker", ",\"itemId\":\"lace\",\"quantity\":2,\"price\":4.5,\"currency\":\"EUR\""),
                eventNow(at += 1000, "purchase", "hiker", ",\"itemId\":\"boot\",\"price\":120,\"currency\":\"EUR\""))).status());
        HttpClientSupport.Response report = http.await("/v1/reports/recommendations?window=24h&placement=product-page",
                r -> r.status() == 200 && r.body().at("/total/purchases").asInt() == 1, PATIENCE);
        JsonNode line = report.body().at("/placements/0");
        assertEquals("product-page", line.get("placement").asText());
        assertEquals(3, line.get("impressions").asInt());
        assertEquals(9, line.get("itemsShown").asInt());
        assertEquals(1, line.get("clicks").asInt());
        assertEquals(1.0 / 3, line.get("clickThroughRate").asDouble(), 1e-9);
        assertEquals(1, line.get("cartAdds").asInt());
        assertEquals(9.0, line.get("revenue").asDouble(), 1e-9, "the boot was not clicked from a list: not attributed");
        assertEquals(1.0, line.get("conversionRate").asDouble(), 1e-9);
        String counted = "{placement=\"product-page\",tenant=\"demo\"} ";
        awaitMetrics(List.of("ecrm_recommendation_impressions_total" + counted + "3.0",
                "ecrm_recommendation_clicks_total" + counted + "1.0", "ecrm_recommendation_purchases_total" + counted + "1.0",
                "ecrm_recommendation_revenue_total" + counted + "9.0"));
        HttpClientSupport other = new HttpClientSupport(engine.baseUrl(), TestEngines.OTHER_KEY);
        assertEquals(0, other.get("/v1/reports/recommendations?window=24h").body().at("/total/impressions").asInt(),
                "another tenant's report holds none of it");

        // the browser routes take impressions too: a pixel in a newsletter, a beacon of a page
        assertEquals(200, http.raw(http.request("/v1/pixel.gif?tenant=demo&type=impression&anonymousId=reader"
                + "&recommendationId=mail-1&placement=newsletter&itemIds=sock,lace&timestamp=" + (at += 1000)).GET()).status());
        assertEquals(202, http.post("/v1/collect?tenant=demo", "text/plain", eventNow(at += 1000, "impression", "browser",
                ",\"recommendationId\":\"page-1\",\"placement\":\"collector\",\"itemIds\":[\"boot\"]")).status());
        http.await("/v1/reports/recommendations?window=24h&placement=newsletter",
                r -> r.body().at("/total/itemsShown").asInt() == 2, PATIENCE);
        http.await("/v1/reports/recommendations?window=24h&placement=collector",
                r -> r.body().at("/total/impressions").asInt() == 1, PATIENCE);
    }

    @Test
    @Order(21)
    void anExperimentSplitsVisitorsRanksEachWithItsArmsSettingsAndCountsWhatEachArmEarned() throws Exception {
        String plan = "{\"arms\":[{\"name\":\"control\"},{\"name\":\"no-similar\",\"overrides\":"
                + "{\"ranking.similarItemsWeight\":0,\"ranking.sessionNeighboursWeight\":0}}]}";
        HttpClientSupport.Response started = http.put("/v1/experiments/similar-off", plan);
        assertEquals(201, started.status(), started.body().toString());
        assertEquals(409, http.put("/v1/experiments/another", plan).status(), "one experiment at a time");
        assertEquals(200, http.put("/v1/experiments/similar-off", plan).status(), "the same experiment again changes nothing");

        long at = System.currentTimeMillis() - 60_000L;
        java.util.Map<String, Integer> perArm = new java.util.HashMap<>();
        List<String> events = new ArrayList<>();
        for (int v = 0; v < 40; v++) {
            String visitor = "tester-" + v;
            JsonNode answer = http.get("/v1/customers/" + visitor + "/recommendations?count=2").body();
            String arm = answer.at("/experiment/arm").asText();
            DocumentedAnswers.assertDocumented("/v1/customers/{id}/recommendations", answer);
            assertEquals("similar-off", answer.at("/experiment/name").asText());
            assertEquals(arm, http.get("/v1/customers/" + visitor + "/recommendations?count=2").body().at("/experiment/arm").asText(),
                    "a visitor stays in their arm");
            String id = answer.get("recommendationId").asText();
            assertEquals(io.ecrm.schemas.RecommendationIds.serialOf(id), 1, id);
            perArm.merge(arm, 1, Integer::sum);
            String item = answer.at("/items/0/itemId").asText();
            events.add(eventNow(at += 100, "impression", visitor, ",\"recommendationId\":\"" + id
                    + "\",\"placement\":\"home\",\"itemIds\":[\"" + item + "\"]"));
            if (arm.equals("control")) { // the control arm's lists are clicked, the other's never
                events.add(eventNow(at += 100, "product_view", visitor, ",\"itemId\":\"" + item + "\",\"recommendationId\":\"" + id + "\""));
            }
        }
        assertEquals(java.util.Set.of("control", "no-similar"), perArm.keySet(), "both arms get visitors: " + perArm);
        assertEquals(202, postEvents(events).status());
        HttpClientSupport.Response result = http.await("/v1/experiments/similar-off",
                r -> r.status() == 200 && r.body().at("/arms/0/impressions").asInt() + r.body().at("/arms/1/impressions").asInt() == 40,
                PATIENCE);
        JsonNode control = result.body().at("/arms/0");
        JsonNode other = result.body().at("/arms/1");
        assertEquals(perArm.get("control").intValue(), control.get("visitors").asInt());
        assertEquals(perArm.get("no-similar").intValue(), other.get("visitors").asInt());
        assertEquals(1.0, control.at("/clickThroughRate/value").asDouble(), 1e-9);
        assertEquals(0, other.get("clicks").asInt());
        assertEquals("Pearson chi-square test of homogeneity", result.body().at("/tests/clickThroughRate/method").asText());

        // another tenant's key neither sees nor ends demo's running experiment
        HttpClientSupport otherTenant = new HttpClientSupport(engine.baseUrl(), TestEngines.OTHER_KEY);
        assertEquals(404, otherTenant.get("/v1/experiments/similar-off").status());
        assertEquals(404, otherTenant.post("/v1/experiments/similar-off/stop", "application/json", "").status());
        assertEquals(404, otherTenant.post("/v1/experiments/similar-off/promote?arm=no-similar", "application/json", "").status());
        assertFalse(otherTenant.get("/v1/experiments").body().toString().contains("similar-off"));
        assertEquals("running", http.get("/v1/experiments/similar-off").body().get("status").asText(),
                "still running after the other tenant's tries");

        HttpClientSupport.Response promoted = http.post("/v1/experiments/similar-off/promote?arm=no-similar", "application/json", "");
        assertEquals(200, promoted.status(), promoted.body().toString());
        assertEquals("stopped", promoted.body().get("status").asText());
        assertEquals("no-similar", promoted.body().get("promotedArm").asText());
        JsonNode settings = http.get("/v1/model").body().get("settings");
        assertEquals(0.0, settings.get("ranking.similarItemsWeight").asDouble(), "the arm's settings are the tenant's");
        assertTrue(http.get("/v1/customers/tester-0/recommendations").body().at("/experiment").isMissingNode(),
                "no experiment runs");
        assertEquals(404, otherTenant.get("/v1/experiments/similar-off").status(), "another tenant's key does not see it");
    }
}
