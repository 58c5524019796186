package io.ecrm.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile and broken requests against a running engine: each gets a 4xx problem (never a 500,
 * never a stack trace), and the server answers normally right after. The names of the inputs
 * tried are printed at the end.
 * <p>
 * Not covered here yet: export names with path traversal ({@code ../}, absolute paths, NUL,
 * encoded slashes). Exports are not part of the API on this branch; their routes bring their own
 * cases into this suite.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTest {
    @TempDir
    static Path dataDir;
    private Engine engine;
    private HttpClientSupport http;

    @BeforeAll
    void start() throws Exception {
        EngineSettings settings = TestEngines.embedded(dataDir);
        TestEngines.writeKeys(dataDir);
        engine = Engine.start(settings);
        http = new HttpClientSupport(engine.baseUrl(), TestEngines.DEMO_KEY);
        http.await("/health", r -> r.status() == 200 && "RUNNING".equals(r.body().at("/tenants/demo").asText()),
                Duration.ofSeconds(60));
    }

    @AfterAll
    void stop() {
        if (engine != null) {
            engine.close();
        }
    }

    private HttpClientSupport.Raw post(String path, String contentType, byte[] body) throws Exception {
        return http.raw(http.request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    private static String event(String field, String value) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("eventId", "\"e1\"");
        fields.put("type", "\"product_view\"");
        fields.put("timestamp", "1763975730000");
        fields.put("anonymousId", "\"a\"");
        fields.put("itemId", "\"i\"");
        fields.put(field, value);
        StringBuilder json = new StringBuilder("[{");
        fields.forEach((k, v) -> json.append(json.length() > 2 ? "," : "").append('"').append(k).append("\":").append(v));
        return json.append("}]").toString();
    }

    @Test
    void everyBadInputGetsAProblemAndTheServerCarriesOn() throws Exception {
        Map<String, byte[]> bodies = new LinkedHashMap<>();
        bodies.put("oversized body", ("[" + "{\"eventId\":\"x\"},".repeat(10_000) + "{}]").getBytes(StandardCharsets.UTF_8));
        bodies.put("deeply nested JSON", ("[".repeat(5_000) + "]".repeat(5_000)).getBytes(StandardCharsets.UTF_8));
        bodies.put("invalid UTF-8", new byte[] {'[', '{', '"', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}', ']'});
        bodies.put("invalid UTF-8 in an otherwise valid event", withBytes(event("itemId", "\"sku-@\""), "@",
                new byte[] {(byte) 0xC3, (byte) 0x28}));
        bodies.put("UTF-8 overlong encoding of '/'", withBytes(event("itemId", "\"sku-@\""), "@", new byte[] {(byte) 0xC0, (byte) 0xAF}));
        bodies.put("lone surrogate escape", event("itemId", "\"sku-\\uD800\"").getBytes(StandardCharsets.UTF_8));
        bodies.put("NaN", event("price", "NaN").getBytes(StandardCharsets.UTF_8));
        bodies.put("Infinity", event("price", "Infinity").getBytes(StandardCharsets.UTF_8));
        bodies.put("price beyond double", event("price", "1e400").getBytes(StandardCharsets.UTF_8));
        bodies.put("negative price", event("price", "-1").getBytes(StandardCharsets.UTF_8));
        bodies.put("negative quantity", event("quantity", "-3").getBytes(StandardCharsets.UTF_8));
        bodies.put("fractional quantity", event("quantity", "1.5").getBytes(StandardCharsets.UTF_8));
        bodies.put("negative timestamp", event("timestamp", "-1763975730000").getBytes(StandardCharsets.UTF_8));
        bodies.put("timestamp beyond epoch milliseconds", event("timestamp", "\"+292279894-08-17T07:12:55.807Z\"")
                .getBytes(StandardCharsets.UTF_8));
        bodies.put("timestamp in year 1", event("timestamp", "\"0001-01-01T00:00:00Z\"").getBytes(StandardCharsets.UTF_8));
        bodies.put("timestamp without offset", event("timestamp", "\"2026-11-24T10:15:30\"").getBytes(StandardCharsets.UTF_8));
        bodies.put("huge eventId", event("eventId", "\"" + "e".repeat(1_000) + "\"").getBytes(StandardCharsets.UTF_8));
        bodies.put("id of the wrong type", event("itemId", "{\"$gt\":\"\"}").getBytes(StandardCharsets.UTF_8));
        bodies.put("type of the wrong case", event("type", "\"PRODUCT_VIEW\"").getBytes(StandardCharsets.UTF_8));
        bodies.put("huge number", event("quantity", "1" + "0".repeat(400)).getBytes(StandardCharsets.UTF_8));
        bodies.put("huge id", event("itemId", "\"" + "x".repeat(100_000) + "\"").getBytes(StandardCharsets.UTF_8));
        bodies.put("unknown event type", event("type", "\"teleport\"").getBytes(StandardCharsets.UTF_8));
        bodies.put("timestamp far in the future", event("timestamp", "99999999999999").getBytes(StandardCharsets.UTF_8));
        bodies.put("timestamp as seconds", event("timestamp", "1763975730").getBytes(StandardCharsets.UTF_8));
        bodies.put("control characters in an id", event("itemId", "\"a\\r\\nSet-Cookie: x=1\"").getBytes(StandardCharsets.UTF_8));
        String impression = "[{\"eventId\":\"i1\",\"type\":\"impression\",\"timestamp\":1763975730000,\"anonymousId\":\"a\","
                + "\"recommendationId\":\"r\",\"itemIds\":@}]";
        bodies.put("impression items not an array", impression.replace("@", "\"sku-1\"").getBytes(StandardCharsets.UTF_8));
        bodies.put("impression items nested", impression.replace("@", "[[\"sku-1\"]]").getBytes(StandardCharsets.UTF_8));
        bodies.put("impression of 10,000 items", impression.replace("@", "[" + String.join(",", java.util.stream.IntStream
                .range(0, 10_000).mapToObj(i -> "\"i" + i + "\"").toList()) + "]").getBytes(StandardCharsets.UTF_8));
        bodies.put("impression item with a line break", impression.replace("@", "[\"a\\r\\nb\"]").getBytes(StandardCharsets.UTF_8));
        bodies.put("impression placement of the wrong type", impression.replace("@", "[\"a\"]").replace("\"itemIds\"",
                "\"placement\":{\"$ne\":1},\"itemIds\"").getBytes(StandardCharsets.UTF_8));
        bodies.put("recommendation id on a search", event("recommendationId", "\"r\"").replace("product_view", "search")
                .replace("\"itemId\":\"i\"", "\"query\":\"q\"").getBytes(StandardCharsets.UTF_8));
        bodies.put("recommendation id of the wrong type", event("recommendationId", "12").getBytes(StandardCharsets.UTF_8));
        bodies.put("not JSON", "<xml/>".getBytes(StandardCharsets.UTF_8));
        bodies.put("empty body", new byte[0]);
        bodies.put("JSON null", "null".getBytes(StandardCharsets.UTF_8));
        bodies.put("too many events in one batch", ("[" + String.join(",", java.util.Collections.nCopies(101,
                event("price", "1").substring(1, event("price", "1").length() - 1))) + "]").getBytes(StandardCharsets.UTF_8));
        for (Map.Entry<String, byte[]> bad : bodies.entrySet()) {
            HttpClientSupport.Raw answer = post("/v1/events", "application/json", bad.getValue());
            String text = new String(answer.body(), StandardCharsets.UTF_8);
            assertTrue(answer.status() >= 400 && answer.status() < 500, bad.getKey() + ": " + answer.status() + " " + text);
            assertEquals("application/problem+json", answer.headers().firstValue("Content-Type").orElse(""), bad.getKey());
            assertFalse(text.contains("Exception") || text.contains("\tat "), bad.getKey() + " leaks internals: " + text);
            assertEquals(200, http.get("/health").status(), "the server answers right after " + bad.getKey());
            tried.add("POST /v1/events: " + bad.getKey());
        }
        answersNormally();
    }

    /** The names of the bad inputs tried, printed when the class is done. */
    private final java.util.List<String> tried = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

    @AfterAll
    void report() {
        System.out.printf("bad inputs tried: %d%n  %s%n", tried.size(), String.join("\n  ", tried));
    }

    private static byte[] withBytes(String text, String marker, byte[] replacement) {
        int at = text.indexOf(marker);
        byte[] before = text.substring(0, at).getBytes(StandardCharsets.UTF_8);
        byte[] after = text.substring(at + marker.length()).getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[before.length + replacement.length + after.length];
        System.arraycopy(before, 0, all, 0, before.length);
        System.arraycopy(replacement, 0, all, before.length, replacement.length);
        System.arraycopy(after, 0, all, before.length + replacement.length, after.length);
        return all;
    }

    /** After everything hostile, a plain event is taken and a plain query answered. */
    private void answersNormally() throws Exception {
        assertEquals(202, http.post("/v1/events", "application/json", event("itemId", "\"after-the-storm\"")
                .replace("\"e1\"", "\"ok-" + System.nanoTime() + "\"")).status());
        assertEquals(200, http.get("/v1/customers/x/recommendations?count=3").status());
    }

    @Test
    void theBrowserRoutesRefuseBadInputToo() throws Exception {
        Map<String, byte[]> bodies = new LinkedHashMap<>();
        bodies.put("invalid UTF-8 as text/plain", withBytes(event("itemId", "\"sku-@\"").substring(1).replaceFirst("]$", ""), "@",
                new byte[] {(byte) 0xFF, (byte) 0xFE}));
        bodies.put("deeply nested object", ("{\"a\":".repeat(3_000) + "1" + "}".repeat(3_000)).getBytes(StandardCharsets.UTF_8));
        bodies.put("unknown event type", event("type", "\"teleport\"").getBytes(StandardCharsets.UTF_8));
        bodies.put("a string, not an event", "\"hello\"".getBytes(StandardCharsets.UTF_8));
        for (Map.Entry<String, byte[]> bad : bodies.entrySet()) {
            HttpClientSupport.Raw answer = http.raw(HttpRequest.newBuilder(URI.create(engine.baseUrl() + "/v1/collect?tenant=demo"))
                    .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofByteArray(bad.getValue())));
            String text = new String(answer.body(), StandardCharsets.UTF_8);
            assertEquals(400, answer.status(), bad.getKey() + ": " + text);
            assertEquals("application/problem+json", answer.headers().firstValue("Content-Type").orElse(""), bad.getKey());
            assertEquals(200, http.get("/health").status(), "the server answers right after " + bad.getKey());
            tried.add("POST /v1/collect: " + bad.getKey());
        }
        answersNormally();
    }

    @Test
    void exportNamesThatLeaveTheExportDirectoryAreRefused() throws Exception {
        assertEquals(201, http.put("/v1/segments/everyone", "{\"rule\":{\"event\":\"product_view\",\"min\":0}}").status());
        String[] names = {"../../etc/passwd", "/etc/passwd", "a/../../b", "..", ".hidden", "a\\b", "a\u0000b", "%2e%2e%2fx",
            "C:\\windows\\x"};
        for (String name : names) {
            HttpClientSupport.Raw answer = post("/v1/segments/everyone/exports", "application/json",
                    new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsBytes(Map.of("format", "csv", "name", name)));
            String text = new String(answer.body(), StandardCharsets.UTF_8);
            assertEquals(400, answer.status(), name + ": " + text);
            assertTrue(text.contains("\"/name\""), name + ": " + text);
            assertEquals(200, http.get("/health").status(), "the server answers right after " + name);
            tried.add("POST /v1/segments/{name}/exports: name " + name);
        }
        try (var files = java.nio.file.Files.walk(dataDir)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().equals("passwd")), "no file named passwd anywhere");
        }
        answersNormally();
    }

    /** A header value with CR LF, sent raw (HTTP clients refuse to): a 400, and no injected header in the answer. */
    @Test
    void headerInjectionIsRefused() throws Exception {
        String[] requests = {
            "GET /v1/customers/x/recommendations HTTP/1.1\r\nAuthorization: Bearer " + TestEngines.DEMO_KEY + "\r\nX-Note: a\rX-Injected: 1",
            "GET /v1/customers/x%0d%0aX-Injected:%201 HTTP/1.1\r\nAuthorization: Bearer " + TestEngines.DEMO_KEY,
            "GET /v1/pixel.gif?tenant=demo&type=page_view&anonymousId=a%0d%0aX-Injected:%201 HTTP/1.1",
            "POST /v1/collect?tenant=demo HTTP/1.1\r\nOrigin: https://shop.example\rX-Injected: 1\r\nContent-Type: text/plain",
        };
        for (String head : requests) {
            String answer = rawRequest(head);
            String status = answer.lines().findFirst().orElse("");
            assertTrue(status.matches("HTTP/1\\.1 4\\d\\d .*") || status.matches("HTTP/1\\.1 4\\d\\d"), head + " -> " + answer);
            assertFalse(answer.toLowerCase().contains("\nx-injected"), "an injected header came back: " + answer);
            assertEquals(200, http.get("/health").status(), "the server answers right after " + head);
            tried.add("raw request: " + head.lines().findFirst().orElse("").replace("\r", "\\r"));
        }
        answersNormally();
    }

    private String rawRequest(String head) throws Exception {
        URI base = URI.create(engine.baseUrl());
        try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write((head + "\r\nHost: x\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void badPathsAndParametersGetProblems() throws Exception {
        String[] paths = {
            "/v1/customers/" + "x".repeat(300) + "/recommendations",
            "/v1/customers/a%0d%0aX-Injected:%201/recommendations",
            "/v1/customers/x/recommendations?count=-5",
            "/v1/customers/x/recommendations?count=99999999999999999999",
            "/v1/customers/x/recommendations?count=NaN",
            "/v1/items/%00/similar",
            "/v1/pixel.gif?type=product_view&anonymousId=a&itemId=i&timestamp=-1",
            "/v1/pixel.gif?type=product_view&anonymousId=a&itemId=i&quantity=lots",
            "/v1/pixel.gif?type=product_view&anonymousId=a&itemId=i&price=NaN",
            "/v1/pixel.gif?type=product_view&anonymousId=a&itemId=i&price=-2",
            "/v1/pixel.gif?type=product_view&anonymousId=a&itemId=i&timestamp=99999999999999999999",
            "/v1/pixel.gif?type=teleport&anonymousId=a",
            "/v1/pixel.gif?type=product_view&anonymousId=" + "a".repeat(5_000) + "&itemId=i",
            "/v1/customers/x/recommendations?count=%D9%A3",
            "/v1/customers/x/recommendations?count=%2B3",
            "/v1/customers/x/recommendations?count=",
            "/v1/items/" + "%F0%9F%98%80".repeat(200) + "/similar",
            "/v1/customers/%C3%28/recommendations",
            "/v1/pixel.gif?type=impression&anonymousId=a&recommendationId=r&itemIds=",
            "/v1/pixel.gif?type=impression&anonymousId=a&recommendationId=r&itemIds=a,,b",
            "/v1/pixel.gif?type=impression&anonymousId=a&itemIds=a,b",
            "/v1/reports/recommendations?window=-1d",
            "/v1/reports/recommendations?window=999999999d",
            "/v1/experiments/" + "x".repeat(300),
            "/v1/experiments/nobody",
        };
        for (String path : paths) {
            HttpClientSupport.Raw answer = http.raw(HttpRequest.newBuilder(URI.create(engine.baseUrl() + path))
                    .header("Authorization", "Bearer " + TestEngines.DEMO_KEY).GET());
            String text = new String(answer.body(), StandardCharsets.UTF_8);
            assertTrue(answer.status() == 400 || answer.status() == 404, path + ": " + answer.status() + " " + text);
            assertTrue(answer.headers().firstValue("X-Injected").isEmpty(), path);
            assertFalse(text.contains("Exception"), path + " leaks internals: " + text);
            assertEquals(200, http.get("/health").status(), "the server answers right after " + path);
            tried.add("GET " + (path.length() > 100 ? path.substring(0, 100) + "..." : path));
        }
        assertEquals(200, http.get("/v1/customers/x/recommendations?count=3").status());
    }
}
