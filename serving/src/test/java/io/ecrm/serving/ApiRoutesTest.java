package io.ecrm.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecrm.serving.http.ApiKeyAuth;
import io.ecrm.serving.http.ApiV1;
import io.ecrm.serving.http.VisitorRouter;
import io.ecrm.streams.StreamsSettings;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
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
 * Tests generated from the route table ({@link ApiV1#routes()}): every route gets the key checks,
 * the cross-tenant checks and the bad-input checks without being named here, and a route added to
 * the table without its success and failure cases in {@link #CASES} fails the first test.
 * <p>
 * Two tenants hold data under the same visitor and item id ({@code shared}); tenant demo also
 * holds {@code only-a}, and every item only demo has is named {@code alpha-*}. Tenant other's key
 * must never see an {@code alpha} item, must get for {@code only-a} exactly what it gets for an id
 * no tenant has, and its writes must leave demo's answers as they were.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApiRoutesTest {
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final long T0 = 1_763_975_730_000L;
    private static final String PROBLEM = "application/problem+json";
    private static final String JSON = "application/json";
    private static final String WRONG_KEY = "ecrm_0000d0d0_not-the-secret-of-the-demo-key";
    private static final String MARKER = "alpha";

    /** One request; {@code {id}}, {@code {tenant}} and {@code {uid}} in the target and body are filled in when sent. */
    record Call(String method, String target, String contentType, String body) {
        static Call get(String target) {
            return new Call("GET", target, null, null);
        }

        static Call post(String target, String contentType, String body) {
            return new Call("POST", target, contentType, body);
        }

        static Call put(String target, String contentType, String body) {
            return new Call("PUT", target, contentType, body);
        }

        static Call delete(String target) {
            return new Call("DELETE", target, null, null);
        }

        static Call options(String target) {
            return new Call("OPTIONS", target, null, null);
        }
    }

    /** A request a route must refuse: the status, and the bad field the problem names (null: none). */
    record Failure(String what, Call call, int status, String pointer) {
    }

    /** A route's success (a request about {@code {id}} and its status) and each way it fails on bad input. */
    record Cases(Call success, int status, List<Failure> failures) {
        Cases(Call success, int status, Failure... failures) {
            this(success, status, List.of(failures));
        }
    }

    private static final String EVENT = "{\"eventId\":\"{uid}\",\"type\":\"product_view\",\"timestamp\":" + T0
            + ",\"anonymousId\":\"{id}\",\"itemId\":\"{id}\"}";
    private static final String NO_ITEM = "{\"eventId\":\"{uid}\",\"type\":\"product_view\",\"timestamp\":" + T0
            + ",\"anonymousId\":\"{id}\"}";
    private static final String NO_ITEMS_SHOWN = "{\"eventId\":\"{uid}\",\"type\":\"impression\",\"timestamp\":" + T0
            + ",\"anonymousId\":\"{id}\",\"recommendationId\":\"r\"}";
    private static final String LONG_ID = "x".repeat(EngineSettings.DEFAULTS.maxIdLength() + 1);

    /** Every route of the table, by {@code METHOD path}, with its cases. */
    static final Map<String, Cases> CASES = new LinkedHashMap<>();

    static {
        CASES.put("GET /health", new Cases(Call.get("/health"), 200));
        CASES.put("GET /health/live", new Cases(Call.get("/health/live"), 200));
        CASES.put("GET /health/ready", new Cases(Call.get("/health/ready"), 200));
        CASES.put("GET /metrics", new Cases(Call.get("/metrics"), 200));
        CASES.put("GET /openapi.json", new Cases(Call.get("/openapi.json"), 200));
        CASES.put("GET /ecrm.js", new Cases(Call.get("/ecrm.js"), 200));
        CASES.put("GET /console", new Cases(Call.get("/console"), 200));
        CASES.put("GET /console/{file}", new Cases(Call.get("/console/console.js"), 200,
                new Failure("a file the console does not have", Call.get("/console/..%2Ftenants.json"), 404, null),
                new Failure("a name with a control character", Call.get("/console/a%01b"), 404, null)));
        CASES.put("POST /v1/events", new Cases(Call.post("/v1/events", JSON, "[" + EVENT + "]"), 202,
                new Failure("malformed JSON", Call.post("/v1/events", JSON, "[{\"eventId\":"), 400, null),
                new Failure("an event without its item", Call.post("/v1/events", JSON, "[" + NO_ITEM + "]"), 400, "/0/itemId"),
                new Failure("an impression without its items", Call.post("/v1/events", JSON, "[" + NO_ITEMS_SHOWN + "]"), 400, "/0/itemIds"),
                new Failure("an id over the limit", Call.post("/v1/events", JSON, "[" + EVENT.replace("\"anonymousId\":\"{id}\"",
                        "\"anonymousId\":\"" + LONG_ID + "\"") + "]"), 400, "/0/anonymousId"),
                new Failure("an empty body", Call.post("/v1/events", JSON, ""), 400, null),
                new Failure("a body that is not JSON", Call.post("/v1/events", "text/csv", "a,b"), 415, null),
                new Failure("more events than a batch holds", Call.post("/v1/events", JSON,
                        "[" + String.join(",", Collections.nCopies(101, "{}")) + "]"), 413, ""),
                new Failure("a body over the size limit", Call.post("/v1/events", JSON,
                        "[" + EVENT.replace("{id}", "x".repeat(70_000)) + "]"), 413, null)));
        CASES.put("POST /v1/catalog", new Cases(Call.post("/v1/catalog", JSON, "[{\"itemId\":\"{id}\",\"category\":\"c\"}]"), 202,
                new Failure("an item without its id", Call.post("/v1/catalog", JSON, "[{\"category\":\"c\"}]"), 400, "/0/itemId"),
                new Failure("a negative price", Call.post("/v1/catalog", JSON, "[{\"itemId\":\"{id}\",\"price\":-1}]"), 400, "/0/price"),
                new Failure("malformed JSON", Call.post("/v1/catalog", JSON, "[{\"itemId\":"), 400, null),
                new Failure("a body that is not JSON", Call.post("/v1/catalog", "text/csv", "a,b"), 415, null),
                new Failure("more items than a batch holds", Call.post("/v1/catalog", JSON,
                        "[" + String.join(",", Collections.nCopies(101, "{}")) + "]"), 413, "")));
        CASES.put("GET /v1/catalog", new Cases(Call.get("/v1/catalog?ids={id}"), 200,
                new Failure("no ids", Call.get("/v1/catalog"), 400, "query/ids"),
                new Failure("more ids than one call lists", Call.get("/v1/catalog?ids=" + String.join(",", Collections.nCopies(101, "i"))),
                        400, "query/ids"),
                new Failure("an empty id in the list", Call.get("/v1/catalog?ids=a,,b"), 400, "query/ids")));
        CASES.put("OPTIONS /v1/collect", new Cases(Call.options("/v1/collect?tenant={tenant}"), 204));
        CASES.put("POST /v1/collect", new Cases(Call.post("/v1/collect?tenant={tenant}", "text/plain", EVENT), 202,
                new Failure("an unknown tenant", Call.post("/v1/collect?tenant=nobody", "text/plain", EVENT), 404, null),
                new Failure("an event without its item", Call.post("/v1/collect?tenant={tenant}", "text/plain", NO_ITEM), 400, "/0/itemId"),
                new Failure("malformed JSON", Call.post("/v1/collect?tenant={tenant}", "text/plain", "{"), 400, null),
                new Failure("a body neither text nor JSON", Call.post("/v1/collect?tenant={tenant}", "application/xml", "<a/>"), 415, null)));
        CASES.put("GET /v1/pixel.gif", new Cases(Call.get("/v1/pixel.gif?tenant={tenant}&type=product_view&anonymousId={id}&itemId={id}"), 200,
                new Failure("an event without its item", Call.get("/v1/pixel.gif?tenant={tenant}&type=product_view&anonymousId={id}"), 400, "/0/itemId"),
                new Failure("a quantity that is no number", Call.get("/v1/pixel.gif?tenant={tenant}&type=add_to_cart&anonymousId={id}"
                        + "&itemId={id}&quantity=lots"), 400, "/0/quantity"),
                new Failure("an impression listing an item twice", Call.get("/v1/pixel.gif?tenant={tenant}&type=impression"
                        + "&anonymousId={id}&recommendationId=r&itemIds={id},{id}"), 400, "/0/itemIds/1"),
                new Failure("an unknown tenant", Call.get("/v1/pixel.gif?tenant=nobody&type=product_view&anonymousId={id}&itemId={id}"), 404, null)));
        CASES.put("GET /v1/customers/{id}", new Cases(Call.get("/v1/customers/{id}"), 200,
                new Failure("a visitor never seen", Call.get("/v1/customers/never-seen"), 404, null),
                new Failure("an id over the limit", Call.get("/v1/customers/" + LONG_ID), 400, "path/id"),
                new Failure("a control character in the id", Call.get("/v1/customers/a%01b"), 400, "path/id")));
        CASES.put("DELETE /v1/customers/{id}", new Cases(Call.delete("/v1/customers/{id}"), 202,
                new Failure("an id over the limit", Call.delete("/v1/customers/" + LONG_ID), 400, "path/id")));
        CASES.put("GET /v1/customers/{id}/recommendations", new Cases(Call.get("/v1/customers/{id}/recommendations?count=3"), 200,
                new Failure("count 0", Call.get("/v1/customers/{id}/recommendations?count=0"), 400, "query/count"),
                new Failure("count over the limit", Call.get("/v1/customers/{id}/recommendations?count=1001"), 400, "query/count"),
                new Failure("count that is no number", Call.get("/v1/customers/{id}/recommendations?count=many"), 400, "query/count"),
                new Failure("explain neither true nor false", Call.get("/v1/customers/{id}/recommendations?explain=1"), 400, "query/explain"),
                new Failure("includeSeen neither true nor false", Call.get("/v1/customers/{id}/recommendations?includeSeen=no"), 400,
                        "query/includeSeen"),
                new Failure("an empty id among those excluded", Call.get("/v1/customers/{id}/recommendations?exclude=a,,b"), 400,
                        "query/exclude"),
                new Failure("more ids excluded than allowed", Call.get("/v1/customers/{id}/recommendations?exclude="
                        + String.join(",", Collections.nCopies(101, "x"))), 400, "query/exclude"),
                new Failure("an item on screen over the id limit", Call.get("/v1/customers/{id}/recommendations?itemId=" + LONG_ID), 400,
                        "query/itemId"),
                new Failure("an id over the limit", Call.get("/v1/customers/" + LONG_ID + "/recommendations"), 400, "path/id")));
        CASES.put("GET /v1/items/popular", new Cases(Call.get("/v1/items/popular?count=5"), 200,
                new Failure("count 0", Call.get("/v1/items/popular?count=0"), 400, "query/count"),
                new Failure("count that is no number", Call.get("/v1/items/popular?count=1.5"), 400, "query/count")));
        String rule = "{\"description\":\"viewers\",\"rule\":{\"event\":\"product_view\",\"min\":1}}";
        CASES.put("GET /v1/segments", new Cases(Call.get("/v1/segments"), 200,
                new Failure("refresh neither true nor false", Call.get("/v1/segments?refresh=maybe"), 400, "query/refresh")));
        CASES.put("PUT /v1/segments/{name}", new Cases(Call.put("/v1/segments/viewers-{id}", JSON, rule), 201,
                new Failure("a rule with an unknown field", Call.put("/v1/segments/viewers-{id}", JSON,
                        "{\"rule\":{\"field\":\"shoeSize\",\"op\":\">\",\"value\":1}}"), 400, "/rule/field"),
                new Failure("malformed JSON", Call.put("/v1/segments/viewers-{id}", JSON, "{"), 400, null)));
        CASES.put("DELETE /v1/segments/{name}", new Cases(Call.delete("/v1/segments/viewers-{id}"), 204,
                new Failure("no rule segment of that name", Call.delete("/v1/segments/never-defined"), 404, null)));
        CASES.put("GET /v1/customers/{id}/segments", new Cases(Call.get("/v1/customers/{id}/segments"), 200,
                new Failure("a visitor never seen", Call.get("/v1/customers/never-seen/segments"), 404, null),
                new Failure("an id over the limit", Call.get("/v1/customers/" + LONG_ID + "/segments"), 400, "path/id")));
        CASES.put("POST /v1/segments/{name}/exports", new Cases(Call.post("/v1/segments/viewers-{id}/exports", JSON,
                "{\"format\":\"csv\"}"), 202,
                new Failure("an unknown segment", Call.post("/v1/segments/never-defined/exports", JSON, "{\"format\":\"csv\"}"), 404, null),
                new Failure("an unknown format", Call.post("/v1/segments/viewers-{id}/exports", JSON, "{\"format\":\"xls\"}"), 400, "/format")));
        CASES.put("GET /v1/exports/{id}", new Cases(Call.get("/v1/exports/{job}"), 200,
                new Failure("a job never started", Call.get("/v1/exports/no-such-job"), 404, null)));
        CASES.put("GET /v1/exports/{id}/file", new Cases(Call.get("/v1/exports/{job}/file"), 200,
                new Failure("a job never started", Call.get("/v1/exports/no-such-job/file"), 404, null)));
        CASES.put("GET /v1/model", new Cases(Call.get("/v1/model"), 200));
        CASES.put("PUT /v1/model/settings", new Cases(Call.put("/v1/model/settings", JSON, "{\"impressions.ignoredPenalty\":0.7}"), 200,
                new Failure("a setting that does not exist", Call.put("/v1/model/settings", JSON, "{\"nope\":1}"), 400, "/nope"),
                new Failure("a penalty above 1", Call.put("/v1/model/settings", JSON, "{\"impressions.ignoredPenalty\":2}"), 400,
                        "/impressions.ignoredPenalty"),
                new Failure("a value that is no number", Call.put("/v1/model/settings", JSON, "{\"queryItems\":\"ten\"}"), 400,
                        "/queryItems"),
                new Failure("malformed JSON", Call.put("/v1/model/settings", JSON, "{"), 400, null)));
        CASES.put("POST /v1/model/tuning", new Cases(new Call("POST", "/v1/model/tuning", null, null), 202));
        CASES.put("GET /v1/model/tuning/{id}", new Cases(Call.get("/v1/model/tuning/{tuning}"), 200,
                new Failure("a fit never started", Call.get("/v1/model/tuning/no-such-fit"), 404, null)));
        CASES.put("GET /v1/reports/recommendations", new Cases(Call.get("/v1/reports/recommendations?window=7d"), 200,
                new Failure("a window that is no duration", Call.get("/v1/reports/recommendations?window=forever"), 400, "query/window"),
                new Failure("a window longer than earnings are kept", Call.get("/v1/reports/recommendations?window=100d"), 400,
                        "query/window"),
                new Failure("a control character in the placement", Call.get("/v1/reports/recommendations?placement=a%01b"), 400,
                        "query/placement")));
        String arms = "{\"arms\":[{\"name\":\"control\"},{\"name\":\"hide-sooner\",\"overrides\":{\"impressions.hideAfterIgnored\":2}}]}";
        CASES.put("PUT /v1/experiments/{name}", new Cases(Call.put("/v1/experiments/exp", JSON, arms), 201,
                new Failure("one arm", Call.put("/v1/experiments/exp", JSON, "{\"arms\":[{\"name\":\"a\"}]}"), 400, "/arms"),
                new Failure("a setting that does not exist", Call.put("/v1/experiments/exp", JSON,
                        arms.replace("impressions.hideAfterIgnored", "impressions.nope")), 400, "/arms/1/overrides/impressions.nope"),
                new Failure("a value out of the setting's range", Call.put("/v1/experiments/exp", JSON,
                        arms.replace(":2}", ":99}")), 400, "/arms/1/overrides/impressions.hideAfterIgnored"),
                new Failure("two arms of one name", Call.put("/v1/experiments/exp", JSON,
                        arms.replace("hide-sooner", "control")), 400, "/arms/1/name"),
                new Failure("malformed JSON", Call.put("/v1/experiments/exp", JSON, "{\"arms\":"), 400, null)));
        CASES.put("GET /v1/experiments", new Cases(Call.get("/v1/experiments"), 200));
        CASES.put("GET /v1/experiments/{name}", new Cases(Call.get("/v1/experiments/exp"), 200,
                new Failure("an experiment never started", Call.get("/v1/experiments/never"), 404, null)));
        CASES.put("POST /v1/experiments/{name}/stop", new Cases(new Call("POST", "/v1/experiments/exp/stop", null, null), 200,
                new Failure("an experiment never started", new Call("POST", "/v1/experiments/never/stop", null, null), 404, null)));
        CASES.put("POST /v1/experiments/{name}/promote", new Cases(new Call("POST", "/v1/experiments/exp/promote?arm=control",
                null, null), 200,
                new Failure("an arm it does not have", new Call("POST", "/v1/experiments/exp/promote?arm=nobody", null, null), 400,
                        "query/arm"),
                new Failure("an experiment never started", new Call("POST", "/v1/experiments/never/promote?arm=a", null, null),
                        404, null)));
        CASES.put("GET /v1/audit", new Cases(Call.get("/v1/audit?since=1h&limit=1000"), 200,
                new Failure("a since that is neither duration nor instant", Call.get("/v1/audit?since=yesterday"), 400, "query/since"),
                new Failure("limit 0", Call.get("/v1/audit?limit=0"), 400, "query/limit")));
        CASES.put("GET /v1/stats", new Cases(Call.get("/v1/stats?minutes=5"), 200,
                new Failure("minutes 0", Call.get("/v1/stats?minutes=0"), 400, "query/minutes"),
                new Failure("more minutes than an hour keeps", Call.get("/v1/stats?minutes=61"), 400, "query/minutes")));
        CASES.put("GET /v1/items/trending", new Cases(Call.get("/v1/items/trending?window=7d&count=5"), 200,
                new Failure("a window trending is not kept for", Call.get("/v1/items/trending?window=2h"), 400, "query/window"),
                new Failure("count 0", Call.get("/v1/items/trending?count=0"), 400, "query/count")));
        CASES.put("GET /v1/items/{id}/audience", new Cases(Call.get("/v1/items/{id}/audience?count=5&includeAnonymous=true"), 200,
                new Failure("an item never seen", Call.get("/v1/items/never-seen/audience"), 404, null),
                new Failure("includeAnonymous neither true nor false", Call.get("/v1/items/{id}/audience?includeAnonymous=yes"), 400,
                        "query/includeAnonymous"),
                new Failure("count 0", Call.get("/v1/items/{id}/audience?count=0"), 400, "query/count")));
        CASES.put("GET /v1/items/{id}/similar", new Cases(Call.get("/v1/items/{id}/similar?count=5"), 200,
                new Failure("an item never seen", Call.get("/v1/items/never-seen/similar"), 404, null),
                new Failure("count below 1", Call.get("/v1/items/{id}/similar?count=-1"), 400, "query/count"),
                new Failure("a control character in the category", Call.get("/v1/items/{id}/similar?category=a%01b"), 400, "query/category"),
                new Failure("an id over the limit", Call.get("/v1/items/" + LONG_ID + "/similar"), 400, "path/id")));
    }

    @TempDir
    static Path dataDir;
    private Engine engine;
    private HttpClientSupport http;
    private final AtomicInteger uid = new AtomicInteger();
    private final ObjectMapper json = new ObjectMapper();
    /** A finished export job of demo's, for the export routes. */
    private String job = "none";
    /** A finished fit job of demo's, for the fit job route. */
    private String tuning = "none";

    /** An answer as text, to look for what must not be there. */
    record Answer(int status, String contentType, String body) {
    }

    @BeforeAll
    void start() throws Exception {
        EngineSettings settings = TestEngines.embedded(dataDir, "demo", "other");
        TestEngines.writeKeys(dataDir);
        engine = Engine.start(settings);
        http = new HttpClientSupport(engine.baseUrl(), TestEngines.DEMO_KEY);
        http.await("/health/ready", r -> r.status() == 200, PATIENCE);
        HttpClientSupport other = new HttpClientSupport(engine.baseUrl(), TestEngines.OTHER_KEY);
        List<String> demo = new ArrayList<>();
        views(demo, "shared", "shared", "alpha-1");
        views(demo, "only-a", "only-a", "alpha-2");
        for (String v : List.of("a-1", "a-2", "a-3")) {
            views(demo, v, "shared", "alpha-1", "only-a", "alpha-2");
        }
        List<String> others = new ArrayList<>();
        views(others, "shared", "shared", "bravo-1");
        for (String v : List.of("b-1", "b-2")) {
            views(others, v, "shared", "bravo-1", "bravo-2");
        }
        assertEquals(202, http.post("/v1/events", JSON, "[" + String.join(",", demo) + "]").status());
        assertEquals(202, other.post("/v1/events", JSON, "[" + String.join(",", others) + "]").status());
        // shown now, so that the report's window (by event time, back from now) holds it: a placement only demo has
        long now = System.currentTimeMillis();
        assertEquals(202, http.post("/v1/events", JSON, String.format("[{\"eventId\":\"shown-1\",\"type\":\"impression\","
                + "\"timestamp\":%d,\"anonymousId\":\"watcher\",\"recommendationId\":\"rec-1\",\"placement\":\"%s-home\","
                + "\"itemIds\":[\"alpha-1\",\"shared\"]}]", now, MARKER)).status());
        http.await("/v1/items/only-a/similar", r -> r.status() == 200 && r.body().toString().contains("alpha-1"), PATIENCE);
        http.await("/v1/reports/recommendations", r -> r.status() == 200 && r.body().toString().contains(MARKER + "-home"), PATIENCE);
        http.await("/v1/customers/only-a", r -> r.status() == 200, PATIENCE);
        other.await("/v1/items/shared/similar", r -> r.status() == 200 && r.body().toString().contains("bravo-2"), PATIENCE);
        other.await("/v1/customers/shared", r -> r.status() == 200, PATIENCE);
        assertEquals(201, http.put("/v1/segments/route-test", "{\"rule\":{\"event\":\"product_view\",\"min\":1}}").status());
        job = http.post("/v1/segments/route-test/exports", JSON, "{\"format\":\"jsonl\"}").body().get("id").asText();
        http.await("/v1/exports/" + job, r -> r.body().toString().contains("\"done\""), PATIENCE);
        tuning = http.post("/v1/model/tuning", JSON, "").body().get("id").asText();
        http.await("/v1/model/tuning/" + tuning, r -> r.body().path("finishedAt").isTextual(), PATIENCE);
    }

    private void views(List<String> events, String visitor, String... items) {
        for (String item : items) {
            int n = uid.incrementAndGet();
            events.add(String.format("{\"eventId\":\"seed-%d\",\"type\":\"product_view\",\"timestamp\":%d,\"anonymousId\":\"%s\",\"itemId\":\"%s\"}",
                    n, T0 + n * 1000L, visitor, item));
        }
    }

    @AfterAll
    void stop() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    @Order(10) // last: keys that may call a route change what it changes
    void everyKeyedRouteRefusesAKeyWithoutItsScopeNamingItAndTakesOneWithIt() throws Exception {
        int checked = 0;
        for (ApiV1.Route route : routes()) {
            if (!keyed(route)) {
                continue;
            }
            assertNotNull(route.scope(), key(route) + " needs a scope");
            Call call = CASES.get(key(route)).success();
            for (Map.Entry<io.ecrm.serving.tenants.Scope, String> scoped : TestEngines.DEMO_SCOPED_KEYS.entrySet()) {
                Answer answer = send(call, scoped.getValue(), "scope-probe", "demo");
                String what = key(route) + " with a key of scope " + scoped.getKey().wireName() + ": " + answer;
                if (scoped.getKey() == route.scope()) {
                    assertTrue(answer.status() != 401 && answer.status() != 403, what);
                } else {
                    assertEquals(403, answer.status(), what);
                    assertEquals(PROBLEM, answer.contentType(), what);
                    JsonNode problem = json.readTree(answer.body());
                    assertEquals("https://ecrm.io/problems/forbidden", problem.get("type").asText(), what);
                    assertEquals(route.scope().wireName(), problem.get("scope").asText(), what);
                    assertTrue(problem.get("detail").asText().contains(route.scope().wireName()), what);
                }
                checked++;
            }
        }
        assertEquals(3 * routes().stream().filter(ApiRoutesTest::keyed).count(), checked, "every keyed route with every scope");
    }

    @Test
    @Order(11)
    void aTenantOverItsQuotaGets429WithRetryAfterRecoversAndLeavesTheOtherAlone() throws Exception {
        io.ecrm.serving.tenants.TenantRegistry file = io.ecrm.serving.tenants.TenantRegistry.open(dataDir.resolve("tenants.json"));
        file.setQuota(new io.ecrm.schemas.TenantId("other"), new io.ecrm.serving.tenants.Quota(5, 10));
        HttpClientSupport other = new HttpClientSupport(engine.baseUrl(), TestEngines.OTHER_KEY);
        // the engine reads the file again within a second: the first refusal comes once it has
        HttpClientSupport.Response refused = other.await("/v1/items/popular", r -> r.status() == 429, PATIENCE);
        assertEquals("https://ecrm.io/problems/too-many-requests", refused.body().get("type").asText());
        assertEquals("requests", refused.body().get("quota").asText());
        long retryAfter = Long.parseLong(refused.headers("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 2, "whole seconds until a token is back: " + retryAfter);
        assertEquals(200, http.get("/v1/items/popular").status(), "the other tenant is not held back");
        int markedRefused = 0;
        for (int i = 0; i < 40; i++) { // 40 at once: a bucket of 5 a second (10 at most) runs dry unless they are exempt
            markedRefused += other.raw(other.request("/v1/items/popular").header(VisitorRouter.FORWARDED_HEADER, "customer").GET())
                    .status() == 429 ? 1 : 0;
        }
        assertTrue(markedRefused > 0, "the header of a forwarded request is a client's to send too: it exempts nothing");
        Thread.sleep(retryAfter * 1_000 + 1_000);
        assertEquals(200, other.get("/v1/items/popular").status(), "after Retry-After the tenant is served again");

        Thread.sleep(2_000); // a full bucket of requests
        String batch = "[" + String.join(",", java.util.stream.IntStream.range(0, 30).mapToObj(i -> String.format(
                "{\"eventId\":\"quota-%d\",\"type\":\"page_view\",\"timestamp\":%d,\"anonymousId\":\"q\"}", i, T0))
                .toList()) + "]";
        assertEquals(202, other.post("/v1/events", JSON, batch).status(), "a batch on a full bucket of events passes");
        HttpClientSupport.Response overEvents = other.post("/v1/events", JSON, batch.replace("quota-", "again-"));
        assertEquals(429, overEvents.status());
        assertEquals("events", overEvents.body().get("quota").asText());
        String metrics = new String(http.raw(http.request("/metrics").GET()).body(), StandardCharsets.UTF_8);
        assertTrue(metrics.matches("(?s).*ecrm_quota_refused_total\\{quota=\"events\",tenant=\"other\"} [1-9].*"), metrics);
        assertTrue(metrics.matches("(?s).*ecrm_quota_refused_total\\{quota=\"requests\",tenant=\"other\"} [1-9].*"), metrics);
        file.setQuota(new io.ecrm.schemas.TenantId("other"), io.ecrm.serving.tenants.Quota.DEFAULTS);
    }

    @Test
    @Order(12)
    void theAuditTrailHoldsEveryAdminActionWithItsKeysNameAndTheRefusedOnes() throws Exception {
        JsonNode trail = http.get("/v1/audit?since=1h&limit=1000").body();
        List<String> done = new ArrayList<>();
        trail.get("entries").forEach(entry -> {
            assertFalse(entry.toString().contains(TestEngines.DEMO_KEY), "a key is named, never written");
            if (entry.get("outcome").asText().equals("done")) {
                done.add(entry.get("method").asText() + " " + entry.get("route").asText());
            }
        });
        for (ApiV1.Route route : routes()) {
            if (ApiV1.audited(route)) {
                assertTrue(done.contains(key(route)), key(route) + " is on the trail: " + done);
            }
        }
        assertTrue(StreamSupport.stream(trail.get("entries").spliterator(), false).anyMatch(entry ->
                entry.get("outcome").asText().equals("forbidden") && entry.get("key").asText().equals("read-only")
                        && entry.get("status").asInt() == 403), "the read-only key's refused admin requests too");
        assertTrue(StreamSupport.stream(trail.get("entries").spliterator(), false).anyMatch(entry ->
                entry.get("route").asText().equals("/v1/customers/{id}") && entry.at("/target/id").asText().equals("shared")),
                "an erasure names the id erased");
        JsonNode others = new HttpClientSupport(engine.baseUrl(), TestEngines.OTHER_KEY).get("/v1/audit?since=1h&limit=1000").body();
        assertTrue(others.get("entries").size() > 0, "other's own admin requests are on its trail");
        others.get("entries").forEach(entry -> assertTrue(List.of(TestEngines.OTHER_KEY.substring(5, 13), "tenants-file")
                .contains(entry.get("key").asText()), "another tenant's trail holds only its own: " + entry));
        assertTrue(StreamSupport.stream(others.get("entries").spliterator(), false).anyMatch(entry ->
                entry.get("outcome").asText().equals("quota set")), "the quota set in the file is on the trail: " + others);

        // a key added in the file (ecrm tenant add-key) is on the trail once the engine reads the file again
        io.ecrm.serving.tenants.TenantRegistry.open(dataDir.resolve("tenants.json")).addKey(new io.ecrm.schemas.TenantId("demo"),
                "desk-2", java.util.Set.of(io.ecrm.serving.tenants.Scope.READ));
        // an admin request marked as forwarded is on the trail as well, marked so
        assertEquals(404, http.raw(http.request("/v1/segments/never-defined").header(VisitorRouter.FORWARDED_HEADER, "customer")
                .DELETE()).status());
        http.await("/v1/audit?since=1h&limit=1000", r -> StreamSupport.stream(r.body().get("entries").spliterator(), false)
                .anyMatch(entry -> entry.path("forwarded").asBoolean() && entry.at("/target/name").asText().equals("never-defined")),
                PATIENCE);
        http.await("/v1/audit?since=1h&limit=1000", r -> StreamSupport.stream(r.body().get("entries").spliterator(), false)
                .anyMatch(entry -> entry.get("outcome").asText().equals("key added")
                        && entry.at("/target/name").asText().equals("desk-2") && entry.at("/target/scopes").asText().equals("read")),
                PATIENCE);
    }

    @Test
    @Order(13)
    void statsCountEachTenantsOwnEventsAndRequestsByMinute() throws Exception {
        JsonNode demo = http.get("/v1/stats").body();
        assertEquals("demo", demo.get("tenant").asText());
        assertEquals(60, demo.get("minutes").size(), "an hour of minutes, the current one last");
        assertTrue(demo.get("brokerReachable").asBoolean());
        assertEquals("RUNNING", demo.get("streams").asText());
        assertTrue(sum(demo, "eventsAccepted") > 0 && sum(demo, "eventsClean") > 0, "demo's events are counted: " + demo);
        long demoStats = requests(demo, "GET /v1/stats");

        HttpClientSupport other = new HttpClientSupport(engine.baseUrl(), TestEngines.OTHER_KEY);
        long otherStats = requests(other.get("/v1/stats").body(), "GET /v1/stats");
        for (int i = 0; i < 7; i++) {
            assertEquals(200, other.get("/v1/stats?minutes=1").status());
        }
        JsonNode otherAfter = other.get("/v1/stats").body();
        assertEquals("other", otherAfter.get("tenant").asText());
        assertTrue(requests(otherAfter, "GET /v1/stats") >= otherStats + 7, "other's requests are in other's series: " + otherAfter);
        assertTrue(otherAfter.get("minutes").findValues("quotaRefused").stream().anyMatch(q -> q.path("requests").asLong() > 0),
                "other's requests over its quota (an earlier test) are counted: " + otherAfter);
        long demoAfter = requests(http.get("/v1/stats").body(), "GET /v1/stats");
        assertTrue(demoAfter - demoStats <= 2, "another tenant's requests are not in demo's series: " + demoStats + " then " + demoAfter);
        JsonNode route = demo.get("minutes").findValue("GET /v1/customers/{id}/recommendations");
        assertTrue(route != null && route.get("p99Millis").asDouble() >= route.get("p50Millis").asDouble(), "p50 and p99 by route: " + demo);
    }

    @Test
    @Order(14)
    void theConsolesFilesCarryAPolicyThatAllowsItsOwnScriptOnlyAndNoFraming() throws Exception {
        HttpClientSupport anyone = new HttpClientSupport(engine.baseUrl());
        for (String path : List.of("/console", "/console/index.html", "/console/console.js", "/console/console.css")) {
            HttpClientSupport.Raw answer = anyone.raw(anyone.request(path).GET());
            assertEquals(200, answer.status(), path);
            String policy = answer.headers().firstValue("Content-Security-Policy").orElse("");
            assertTrue(policy.contains("script-src 'self'") && policy.contains("frame-ancestors 'none'")
                    && !policy.contains("unsafe-inline") && !policy.contains("unsafe-eval"), path + ": " + policy);
            assertEquals("DENY", answer.headers().firstValue("X-Frame-Options").orElse(null), path);
            assertEquals("nosniff", answer.headers().firstValue("X-Content-Type-Options").orElse(null), path);
            assertEquals("no-referrer", answer.headers().firstValue("Referrer-Policy").orElse(null), path);
        }
        String page = new String(anyone.raw(anyone.request("/console").GET()).body(), StandardCharsets.UTF_8);
        assertFalse(page.matches("(?s).*<script>.*") || page.matches("(?s).*\\son[a-z]+=.*"), "no inline script or handler in the page");
    }

    private static long sum(JsonNode stats, String field) {
        long sum = 0;
        for (JsonNode minute : stats.get("minutes")) {
            sum += minute.get(field).asLong();
        }
        return sum;
    }

    private static long requests(JsonNode stats, String route) {
        long sum = 0;
        for (JsonNode minute : stats.get("minutes")) {
            sum += minute.path("routes").path(route).path("requests").asLong();
        }
        return sum;
    }

    private static String key(ApiV1.Route route) {
        return route.method().name().toUpperCase(Locale.ROOT) + " " + route.path();
    }

    private static List<ApiV1.Route> routes() {
        return new ApiV1(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null).routes();
    }

    private static boolean keyed(ApiV1.Route route) {
        return route.path().startsWith("/v1/") && !ApiKeyAuth.OPEN_PATHS.contains(route.path())
                && !route.method().name().equals("OPTIONS");
    }

    /**
     * A route whose answer stays the same while nothing is written: every keyed GET but the audit
     * trail, which grows with each export download (an audited GET) of the read rounds, and the live
     * stats, which count every request; each has a test of its own that it holds the tenant's own only.
     */
    private static boolean isRead(ApiV1.Route route) {
        return route.method().name().equals("GET") && keyed(route) && !route.path().equals("/v1/audit")
                && !route.path().equals("/v1/stats");
    }

    /** Sends a call with placeholders filled in, with {@code Authorization: Bearer key} unless key is null. */
    private Answer send(Call call, String key, String id, String tenant) throws Exception {
        String target = call.target().replace("{id}", id).replace("{tenant}", tenant).replace("{job}", job).replace("{tuning}", tuning);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(engine.baseUrl() + target));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        if (call.body() == null) {
            request.method(call.method(), HttpRequest.BodyPublishers.noBody());
        } else {
            String body = call.body().replace("{id}", id).replace("{uid}", "call-" + uid.incrementAndGet());
            request.header("Content-Type", call.contentType()).method(call.method(), HttpRequest.BodyPublishers.ofString(body));
        }
        HttpClientSupport.Raw raw = http.raw(request);
        // a recommendation's id is new in every answer, and a report's window moves with the clock's hour: masked, so
        // that answers compare by what they say
        String body = RECOMMENDATION_ID.matcher(new String(raw.body(), StandardCharsets.UTF_8)).replaceAll("\"recommendationId\":\"*\"");
        body = REPORT_WINDOW.matcher(body).replaceAll("\"from\":\"*\",\"to\":\"*\"");
        return new Answer(raw.status(), raw.headers().firstValue("Content-Type").orElse(""), body);
    }

    private static final java.util.regex.Pattern REPORT_WINDOW = java.util.regex.Pattern.compile(
            "\"from\":\"[0-9TZ:.-]+\",\"to\":\"[0-9TZ:.-]+\"");
    private static final java.util.regex.Pattern RECOMMENDATION_ID = java.util.regex.Pattern.compile("\"recommendationId\":\"[0-9a-f]{16}\"");

    /**
     * Sends a call byte for byte over a socket, for requests {@link java.net.URI} refuses to build
     * (malformed escapes): the server must refuse them itself.
     */
    private Answer sendRaw(Call call, String key, String id) throws Exception {
        URI base = URI.create(engine.baseUrl());
        byte[] body = call.body() == null ? new byte[0]
                : call.body().replace("{id}", id).replace("{uid}", "raw-" + uid.incrementAndGet()).getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(call.method()).append(' ')
                .append(call.target().replace("{id}", id).replace("{tenant}", "demo")).append(" HTTP/1.1\r\n")
                .append("Host: ").append(base.getHost()).append(':').append(base.getPort()).append("\r\n")
                .append("Connection: close\r\n");
        if (key != null) {
            head.append("Authorization: Bearer ").append(key).append("\r\n");
        }
        if (call.body() != null) {
            head.append("Content-Type: ").append(call.contentType()).append("\r\nContent-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(head.toString().getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().write(body);
            socket.getOutputStream().flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int headEnd = response.indexOf("\r\n\r\n");
            String headers = headEnd < 0 ? response : response.substring(0, headEnd);
            int status = Integer.parseInt(headers.substring(9, 12));
            String contentType = headers.lines().filter(l -> l.toLowerCase(Locale.ROOT).startsWith("content-type:"))
                    .map(l -> l.substring(13).strip()).findFirst().orElse("");
            return new Answer(status, contentType, headEnd < 0 ? "" : response.substring(headEnd + 4));
        }
    }

    @Test
    @Order(1)
    void everyRouteOfTheTableHasItsCases() {
        Set<String> table = new TreeSet<>();
        routes().forEach(route -> table.add(key(route)));
        assertEquals(table, new TreeSet<>(CASES.keySet()), "add the success and failure cases of a new route to CASES");
    }

    @Test
    @Order(2)
    void everyKeyedRouteRefusesAMissingOrWrongKeyAndOpenRoutesNeedNone() throws Exception {
        for (ApiV1.Route route : routes()) {
            Call call = CASES.get(key(route)).success();
            if (keyed(route)) {
                for (String key : new String[] {null, WRONG_KEY, "not-even-a-key"}) {
                    Answer answer = send(call, key, "shared", "demo");
                    assertEquals(401, answer.status(), key(route) + " with key " + key);
                    assertEquals(PROBLEM, answer.contentType(), key(route));
                    assertTrue(answer.body().contains("\"https://ecrm.io/problems/unauthorized\""), key(route));
                    assertFalse(answer.body().contains(MARKER), key(route));
                }
            } else {
                assertNotEquals(401, send(call, null, "shared", "demo").status(), key(route) + " needs no key");
            }
        }
    }

    @Test
    @Order(3)
    void aKeyOfAnotherTenantNeitherSeesNorChangesItsData() throws Exception {
        List<ApiV1.Route> reads = routes().stream().filter(ApiRoutesTest::isRead).toList();
        Map<String, String> before = settled(reads, TestEngines.DEMO_KEY, "demo");
        assertTrue(before.values().stream().anyMatch(body -> body.contains(MARKER)), "demo's answers hold its own items");
        settled(reads, TestEngines.OTHER_KEY, "other");

        for (ApiV1.Route route : reads) {
            Call call = CASES.get(key(route)).success();
            for (String id : List.of("shared", "only-a")) {
                Answer answer = send(call, TestEngines.OTHER_KEY, id, "other");
                assertTrue(answer.status() < 500, key(route) + " " + id + ": " + answer);
                assertFalse(answer.body().contains(MARKER), key(route) + " " + id + " shows demo's data: " + answer);
            }
            if (route.path().contains("{id}")) {
                Answer onlyDemos = send(call, TestEngines.OTHER_KEY, "only-a", "other");
                Answer nobodys = send(call, TestEngines.OTHER_KEY, "nowhere", "other");
                assertEquals(nobodys.status(), onlyDemos.status(), key(route) + ": an id of demo's is news to other");
                assertEquals(nobodys.body().replace("nowhere", "only-a"), onlyDemos.body(), key(route));
            }
        }

        // other writes about the same ids; deletions last, once its events are in
        List<ApiV1.Route> writes = routes().stream()
                .filter(route -> route.path().startsWith("/v1/") && !isRead(route))
                .sorted(Comparator.comparing(route -> route.method().name().equals("DELETE"))).toList();
        HttpClientSupport other = new HttpClientSupport(engine.baseUrl(), TestEngines.OTHER_KEY);
        boolean deleting = false;
        for (ApiV1.Route route : writes) {
            if (route.method().name().equals("DELETE") && !deleting) {
                other.await("/v1/customers/only-a", r -> r.status() == 200, PATIENCE);
                deleting = true;
            }
            for (String id : List.of("shared", "only-a")) {
                Answer answer = send(CASES.get(key(route)).success(), TestEngines.OTHER_KEY, id, "other");
                assertTrue(answer.status() < 300, key(route) + " " + id + ": " + answer);
                assertFalse(answer.body().contains(MARKER), key(route));
            }
        }
        assertTrue(deleting, "the table has an erasure route");
        other.await("/v1/customers/only-a", r -> r.status() == 404, PATIENCE);
        other.await("/v1/customers/shared", r -> r.status() == 404, PATIENCE);
        assertEquals(before, answers(reads, TestEngines.DEMO_KEY, "demo"), "demo's answers are as they were");
    }

    /** Every read route's success call for the shared and the demo-only id. */
    private Map<String, String> answers(List<ApiV1.Route> reads, String key, String tenant) throws Exception {
        Map<String, String> answers = new LinkedHashMap<>();
        for (ApiV1.Route route : reads) {
            for (String id : List.of("shared", "only-a")) {
                Answer answer = send(CASES.get(key(route)).success(), key, id, tenant);
                answers.put(key(route) + " " + id, answer.status() + " " + answer.body());
            }
        }
        return answers;
    }

    /**
     * Reads until two rounds agree, a popular-list refresh and the longest wait of a neighbour list's
     * recomputation apart: item stores settle after the events are in, and a list whose counts grew
     * little is recomputed up to {@code neighbourMaxWaitMillis} later (rounds closer than that saw a
     * demo answer change after other's writes, by demo's own late recomputation).
     */
    private Map<String, String> settled(List<ApiV1.Route> reads, String key, String tenant) throws Exception {
        Map<String, String> last = answers(reads, key, tenant);
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            Thread.sleep(Math.max(TenantEngine.POPULAR_REFRESH_MILLIS, StreamsSettings.DEFAULTS.neighbourMaxWaitMillis()) + 500);
            Map<String, String> next = answers(reads, key, tenant);
            if (next.equals(last)) {
                return next;
            }
            last = next;
        }
        throw new AssertionError("answers did not settle within " + PATIENCE);
    }

    @Test
    @Order(4)
    void everyRouteAnswersItsSuccessAndRefusesEachBadRequestNamingTheField() throws Exception {
        List<ApiV1.Route> table = routes().stream()
                .sorted(Comparator.comparing(route -> route.method().name().equals("DELETE"))).toList();
        for (ApiV1.Route route : table) {
            Cases cases = CASES.get(key(route));
            for (Failure failure : cases.failures()) {
                Answer answer = send(failure.call(), TestEngines.DEMO_KEY, "shared", "demo");
                String what = key(route) + ", " + failure.what() + ": " + answer;
                assertEquals(failure.status(), answer.status(), what);
                assertEquals(PROBLEM, answer.contentType(), what);
                JsonNode problem = json.readTree(answer.body());
                assertEquals(failure.status(), problem.get("status").asInt(), what);
                assertTrue(problem.get("type").asText().startsWith("https://ecrm.io/problems/"), what);
                assertFalse(problem.path("detail").asText().isBlank(), what);
                if (failure.pointer() != null) {
                    assertEquals(failure.pointer(), problem.at("/errors/0/pointer").asText(), what);
                }
            }
            Answer success = send(cases.success(), TestEngines.DEMO_KEY, "shared", "demo");
            assertEquals(cases.status(), success.status(), key(route) + ": " + success);
            assertFalse(success.contentType().startsWith(PROBLEM), key(route));
        }
    }

    @Test
    @Order(4)
    void everyStatusARouteAnswersIsDocumented() throws Exception {
        JsonNode document;
        try (InputStream in = ApiRoutesTest.class.getResourceAsStream("/web/openapi.json")) {
            document = json.readTree(in);
        }
        for (ApiV1.Route route : routes()) {
            JsonNode responses = document.at("/paths/" + route.path().replace("~", "~0").replace("/", "~1") + "/"
                    + route.method().name().toLowerCase(Locale.ROOT) + "/responses");
            Cases cases = CASES.get(key(route));
            List<Integer> statuses = new ArrayList<>();
            statuses.add(cases.status());
            cases.failures().forEach(f -> statuses.add(f.status()));
            if (keyed(route)) {
                statuses.add(401);
            }
            for (int status : statuses) {
                assertTrue(responses.has(String.valueOf(status)), key(route) + " answers " + status + ": document it");
            }
        }
    }

    @Test
    @Order(5)
    void noBadInputOnAnyRouteGetsA500() throws Exception {
        List<String> badIds = List.of("%00", "a%2Fb", "%zz", "%20", "%C3%A9", "%FF%FE", "..", "a;b", LONG_ID);
        List<String> badQueries = List.of("count=", "count=%00", "count=1&count=2", "count=1e3", "count=2147483648",
                "tenant=", "tenant=%00", "tenant=" + "t".repeat(300), "type=%FF", "x=" + "y".repeat(9_000),
                "x=" + "y".repeat(20_000));
        List<String> badBodies = List.of("", "null", "[]", "{}", "[1]", "\"text\"", "[".repeat(3_000), "[{\"eventId\":\"\u0000\"}]");
        List<String> problems = new ArrayList<>();
        for (ApiV1.Route route : routes()) {
            Call success = CASES.get(key(route)).success();
            List<Call> calls = new ArrayList<>();
            if (route.path().contains("{id}")) {
                badIds.forEach(id -> calls.add(new Call(success.method(), success.target().replace("{id}", id), null, null)));
            }
            String separator = success.target().contains("?") ? "&" : "?";
            badQueries.forEach(q -> calls.add(new Call(success.method(), success.target() + separator + q, success.contentType(), success.body())));
            if (success.body() != null) {
                badBodies.forEach(b -> calls.add(new Call(success.method(), success.target(), success.contentType(), b)));
            }
            for (Call call : calls) {
                Answer answer = sendRaw(call, TestEngines.DEMO_KEY, "fuzz");
                boolean fine = answer.status() < 500 && (answer.status() < 400 || answer.contentType().equals(PROBLEM))
                        && !answer.body().contains("Exception") && !answer.body().contains("\tat ");
                if (!fine) {
                    problems.add(call.method() + " " + call.target().substring(0, Math.min(120, call.target().length()))
                            + " -> " + answer.status() + " " + answer.contentType() + " "
                            + answer.body().substring(0, Math.min(200, answer.body().length())));
                }
            }
        }
        Answer huge = send(Call.get("/v1/items/popular?x=" + "y".repeat(20_000)), TestEngines.DEMO_KEY, "", "demo");
        assertEquals(414, huge.status(), huge.toString());
        Answer longQuery = send(Call.get("/v1/items/popular?x=" + "y".repeat(9_000)), TestEngines.DEMO_KEY, "", "demo");
        assertEquals(414, longQuery.status(), longQuery.toString());
        assertTrue(longQuery.body().contains("8192"), "the problem states the limit: " + longQuery);
        assertEquals("query", json.readTree(longQuery.body()).at("/errors/0/pointer").asText());
        HttpClientSupport.Raw headers = http.raw(http.request("/v1/items/popular").header("X-Padding", "p".repeat(20_000)).GET());
        assertEquals(431, headers.status());
        assertEquals(PROBLEM, headers.headers().firstValue("Content-Type").orElse(""));
        assertEquals(List.of(), problems, "every bad request is a 4xx problem");
        assertEquals(200, http.get("/health/live").status(), "the server answers after all of it");
    }

    @Test
    @Order(6)
    void metricsCountRequestsByRouteTemplateAndEventsByTenant() throws Exception {
        String text = new String(http.raw(http.request("/metrics").GET()).body(), StandardCharsets.UTF_8);
        assertTrue(text.contains("ecrm_http_requests_seconds_count{method=\"GET\",route=\"/v1/customers/{id}\",status=\"200\"}"), text);
        assertTrue(text.contains("ecrm_http_requests_seconds_bucket{method=\"GET\",route=\"/v1/items/{id}/similar\",status=\"404\",le=\"0.005\"}"), text);
        assertTrue(text.contains("route=\"unmatched\""), text);
        assertFalse(text.contains("route=\"/v1/customers/shared"), "no raw path becomes a label");
        assertTrue(text.matches("(?s).*ecrm_events_received_total\\{tenant=\"demo\"} [1-9].*"), text);
        assertTrue(text.matches("(?s).*ecrm_events_refused_total\\{reason=\"invalid\",tenant=\"demo\"} [1-9].*"), text);
        assertTrue(text.matches("(?s).*ecrm_events_refused_total\\{reason=\"batch_too_large\",tenant=\"demo\"} [1-9].*"), text);
        assertTrue(text.contains("ecrm_streams_lag_records{tenant=\"other\"}"), text);
        assertTrue(text.contains("ecrm_events_clean_total{tenant=\"demo\"}"), text);
        assertTrue(text.contains("jvm_memory_used_bytes"), text);
    }
}
