package io.ecrm.serving;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
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
 * Segments over a running engine: ten buyers and a cart abandoner go in as events, come out as
 * RFM cells, a rule segment and exported files, and bad requests are 4xx problems naming the field.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SegmentsEndToEndTest {
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final long T0 = 1_763_975_730_000L;
    private static final String ABANDONERS = "{\"description\": \"added to cart in the last 24 h, no purchase since\","
            + " \"rule\": {\"all\": [{\"field\": \"lastCartAdd\", \"within\": \"24h\"},"
            + " {\"event\": \"purchase\", \"since\": \"lastCartAdd\", \"max\": 0}]}}";

    @TempDir
    static Path dataDir;
    private Engine engine;
    private HttpClientSupport http;
    private int sequence;

    @BeforeAll
    void start() throws Exception {
        TestEngines.writeKeys(dataDir);
        Files.createDirectories(dataDir.resolve("exports"));
        Files.writeString(dataDir.resolve("exports/other"), "a file where the tenant's export directory should be");
        Files.createDirectories(dataDir.resolve("exports/demo"));
        Files.writeString(dataDir.resolve("exports/demo/.old.csv.partial"), "left by a crash");
        engine = Engine.start(TestEngines.embedded(dataDir, "demo", "other"));
        http = new HttpClientSupport(engine.baseUrl(), TestEngines.DEMO_KEY);
        http.await("/health", r -> r.status() == 200 && "RUNNING".equals(r.body().at("/tenants/demo").asText()), PATIENCE);

        List<String> events = new ArrayList<>();
        for (int c = 0; c < 10; c++) {
            for (int order = 0; order <= c; order++) { // customer c: c + 1 orders of 10 each, the last at T0 + c minutes
                events.add(event("purchase", "\"customerId\":\"buyer-" + c + "\"", "item-" + order,
                        T0 - (c - order) * 120_000L + c * 60_000L, ",\"quantity\":1,\"price\":10.0,\"currency\":\"EUR\""));
            }
        }
        events.add(event("product_view", "\"anonymousId\":\"window-shopper\"", "boots", T0 + 20 * 60_000L, ""));
        events.add(event("add_to_cart", "\"anonymousId\":\"window-shopper\"", "boots", T0 + 21 * 60_000L, ",\"quantity\":1"));
        assertEquals(202, http.post("/v1/events", "application/json", "[" + String.join(",", events) + "]").status());
        // the customers sit on different partitions, each processed in its own time: wait for every one
        for (int c = 0; c < 10; c++) {
            int orders = c + 1;
            http.await("/v1/customers/buyer-" + c, r -> r.status() == 200 && r.body().at("/profile/orders").asInt() == orders, PATIENCE);
        }
        http.await("/v1/customers/window-shopper", r -> r.status() == 200 && r.body().at("/profile/cart/boots").asInt() == 1, PATIENCE);
    }

    private String event(String type, String who, String item, long time, String extra) {
        return String.format("{\"eventId\":\"s%d\",\"type\":\"%s\",\"timestamp\":%d,%s,\"itemId\":\"%s\"%s}",
                sequence++, type, time, who, item, extra);
    }

    @AfterAll
    void stop() {
        if (engine != null) {
            engine.close();
        }
    }

    private static Map<String, JsonNode> byName(JsonNode list) {
        Map<String, JsonNode> map = new java.util.HashMap<>();
        list.forEach(s -> map.put(s.get("name").asText(), s));
        return map;
    }

    @Test
    @Order(1)
    void listsRfmCellsAndRuleSegments() throws Exception {
        assertEquals(201, http.put("/v1/segments/cart-abandoners", ABANDONERS).status());
        assertEquals(200, http.put("/v1/segments/cart-abandoners", ABANDONERS).status(), "the same name again replaces it");
        HttpClientSupport.Response list = http.get("/v1/segments?refresh=true");
        assertEquals(200, list.status());
        assertEquals(11, list.body().get("profiles").asInt());
        Map<String, JsonNode> segments = byName(list.body().get("segments"));
        assertEquals("rfm", segments.get("champions").get("kind").asText());
        assertEquals(4, segments.get("champions").get("size").asInt(), "buyers 6 to 9: the top two quintiles on all three");
        assertEquals(85.0, segments.get("champions").get("averageRevenue").asDouble(), 1e-9);
        assertEquals(2, segments.get("lost").get("size").asInt());
        assertEquals("rule", segments.get("cart-abandoners").get("kind").asText());
        assertEquals(1, segments.get("cart-abandoners").get("size").asInt());
        assertTrue(segments.keySet().stream().anyMatch(n -> n.startsWith("cluster-")), segments.keySet().toString());
        assertFalse(segments.get("champions").get("updatedAt").asText().isEmpty());
    }

    @Test
    @Order(2)
    void aVisitorsSegments() throws Exception {
        JsonNode best = http.get("/v1/customers/buyer-9/segments").body();
        assertEquals(List.of(5, 5, 5), List.of(best.at("/rfm/r").asInt(), best.at("/rfm/f").asInt(), best.at("/rfm/m").asInt()));
        assertEquals("champions", best.at("/rfm/cell").asText());
        assertEquals("champions", best.at("/segments/0/name").asText());
        JsonNode shopper = http.get("/v1/customers/window-shopper/segments").body();
        assertTrue(shopper.get("rfm") == null, "never bought: no RFM score");
        List<String> names = StreamSupport.stream(shopper.get("segments").spliterator(), false).map(s -> s.get("name").asText()).toList();
        assertTrue(names.contains("cart-abandoners"), names.toString());
        assertEquals(404, http.get("/v1/customers/nobody/segments").status());
    }

    @Test
    @Order(2)
    void badDefinitionsAreRefusedFieldByField() throws Exception {
        HttpClientSupport.Response bad = http.put("/v1/segments/big-spenders",
                "{\"rule\": {\"all\": [{\"field\": \"spend\", \"op\": \">\", \"value\": 500}, {\"field\": \"lastOrder\", \"within\": \"soon\"}]}}");
        assertEquals(400, bad.status());
        assertEquals("application/problem+json", bad.contentType());
        assertEquals(List.of("/rule/all/0/field", "/rule/all/1/within"), pointers(bad.body()));
        HttpClientSupport.Response builtIn = http.put("/v1/segments/champions", ABANDONERS);
        assertEquals(400, builtIn.status());
        assertEquals(List.of("path/name"), pointers(builtIn.body()));
        assertEquals(400, http.put("/v1/segments/x", "{not json").status());
        assertEquals(400, http.get("/v1/segments?refresh=maybe").status());
    }

    private static List<String> pointers(JsonNode problem) {
        return StreamSupport.stream(problem.get("errors").spliterator(), false).map(e -> e.get("pointer").asText()).toList();
    }

    private JsonNode finished(String jobUrl) throws Exception {
        return http.await(jobUrl, r -> r.status() == 200 && !List.of("queued", "running").contains(r.body().get("status").asText()),
                PATIENCE).body();
    }

    @Test
    @Order(3)
    void exportsASegmentToCsvUnderItsPlainName() throws Exception {
        assertFalse(Files.exists(dataDir.resolve("exports/demo/.old.csv.partial")), "a crashed export's leftover is removed at start");
        assertEquals(400, http.post("/v1/segments/champions/exports", "application/json",
                "{\"format\": \"csv\", \"name\": \"../../escape\"}").status(), "a name with a path is refused");
        HttpClientSupport.Response started = http.post("/v1/segments/champions/exports", "application/json",
                "{\"format\": \"csv\", \"name\": \"escape\"}");
        assertEquals(202, started.status());
        JsonNode job = finished("/v1/exports/" + started.body().get("id").asText());
        assertEquals("done", job.get("status").asText(), job.toString());
        assertEquals(1.0, job.get("progress").asDouble());
        assertEquals(4, job.get("rows").asInt());
        assertEquals("escape.csv", job.get("fileName").asText());
        assertTrue(Files.exists(dataDir.resolve("exports/demo/escape.csv")), "inside the tenant's export directory");

        HttpClientSupport.Raw file = http.raw(http.request(job.get("file").asText()).GET());
        assertEquals(200, file.status());
        assertEquals("attachment; filename=\"escape.csv\"", file.headers().firstValue("Content-Disposition").orElse(""));
        String[] lines = new String(file.body(), StandardCharsets.UTF_8).split("\r\n");
        assertEquals(5, lines.length);
        assertTrue(lines[0].startsWith("customer_id,anonymous,segment,r_score"));
        assertEquals(List.of("buyer-6", "buyer-7", "buyer-8", "buyer-9"),
                Arrays.stream(lines).skip(1).map(l -> l.split(",")[0]).sorted().toList());
        assertTrue(Arrays.stream(lines).anyMatch(l -> l.startsWith("buyer-9,false,champions,5,5,5,champions,")), lines[1]);
    }

    @Test
    @Order(3)
    void exportsParquet() throws Exception {
        HttpClientSupport.Response started = http.post("/v1/segments/lost/exports", "application/json", "{\"format\": \"parquet\"}");
        JsonNode job = finished(started.headers("Location"));
        assertEquals("done", job.get("status").asText(), job.toString());
        assertTrue(job.get("fileName").asText().matches("lost-[0-9]{8}-[0-9]{6}\\.parquet"), job.toString());
        byte[] bytes = http.raw(http.request(job.get("file").asText()).GET()).body();
        byte[] magic = "PAR1".getBytes(StandardCharsets.US_ASCII);
        assertArrayEquals(magic, Arrays.copyOfRange(bytes, 0, 4));
        assertArrayEquals(magic, Arrays.copyOfRange(bytes, bytes.length - 4, bytes.length));
    }

    @Test
    @Order(3)
    void badExportRequestsAreProblems() throws Exception {
        HttpClientSupport.Response format = http.post("/v1/segments/champions/exports", "application/json", "{\"format\": \"xls\"}");
        assertEquals(400, format.status());
        assertEquals(List.of("/format"), pointers(format.body()));
        assertEquals(404, http.post("/v1/segments/no-such/exports", "application/json", "{\"format\": \"csv\"}").status());
        assertEquals(404, http.get("/v1/exports/000000000000").status());
        HttpClientSupport.Response started = http.post("/v1/segments/champions/exports", "application/json", "{\"format\": \"jsonl\"}");
        HttpClientSupport other = new HttpClientSupport(engine.baseUrl(), TestEngines.OTHER_KEY);
        assertEquals(404, other.get("/v1/exports/" + started.body().get("id").asText()).status(), "another tenant's job");
    }

    @Test
    @Order(3)
    void aFailedExportSaysWhy() throws Exception {
        HttpClientSupport other = new HttpClientSupport(engine.baseUrl(), TestEngines.OTHER_KEY);
        HttpClientSupport.Response started = other.post("/v1/segments/champions/exports", "application/json", "{\"format\": \"csv\"}");
        assertEquals(202, started.status());
        String url = "/v1/exports/" + started.body().get("id").asText();
        JsonNode job = other.await(url, r -> r.status() == 200 && r.body().get("status").asText().equals("failed"), PATIENCE).body();
        assertTrue(job.get("error").asText().startsWith("writing the file failed"), job.toString());
        HttpClientSupport.Response download = other.get(url + "/file");
        assertEquals(409, download.status());
        assertTrue(download.body().get("detail").asText().contains("failed"));
    }

    @Test
    @Order(3)
    void theCommandLineExportsToALocalFile(@TempDir Path local) throws Exception {
        Path out = local.resolve("champions.jsonl");
        int code = io.ecrm.serving.cli.EcrmCommand.commandLine().execute("export-segment", "--tenant", "demo",
                "--segment", "champions", "--format", "jsonl", "--out", out.toString(), "--url", engine.baseUrl(),
                "--api-key", TestEngines.DEMO_KEY);
        assertEquals(0, code);
        List<String> lines = Files.readAllLines(out);
        assertEquals(4, lines.size());
        assertTrue(lines.get(0).startsWith("{\"customer_id\":\"buyer-"), lines.get(0));
        assertEquals(List.of(out), Files.list(local).toList(), "no temporary file left beside it");
        assertEquals(2, io.ecrm.serving.cli.EcrmCommand.commandLine().execute("export-segment", "--tenant", "other",
                "--segment", "champions", "--format", "csv", "--out", local.resolve("x.csv").toString(),
                "--url", engine.baseUrl(), "--api-key", TestEngines.DEMO_KEY), "the key's tenant is demo");
        assertFalse(Files.exists(local.resolve("x.csv")));
    }

    @Test
    @Order(4)
    void ruleSegmentsCanBeRemoved() throws Exception {
        assertEquals(204, http.raw(http.request("/v1/segments/cart-abandoners").DELETE()).status());
        assertEquals(404, http.raw(http.request("/v1/segments/cart-abandoners").DELETE()).status());
        assertFalse(byName(http.get("/v1/segments").body().get("segments")).containsKey("cart-abandoners"));
        assertTrue(Files.readString(dataDir.resolve("segments/demo.json")).contains("\"segments\""));
    }
}
