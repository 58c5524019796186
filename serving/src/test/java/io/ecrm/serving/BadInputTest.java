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
 * never a stack trace), and the server answers normally right after.
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
        bodies.put("NaN", event("price", "NaN").getBytes(StandardCharsets.UTF_8));
        bodies.put("negative price", event("price", "-1").getBytes(StandardCharsets.UTF_8));
        bodies.put("huge number", event("quantity", "1" + "0".repeat(400)).getBytes(StandardCharsets.UTF_8));
        bodies.put("huge id", event("itemId", "\"" + "x".repeat(100_000) + "\"").getBytes(StandardCharsets.UTF_8));
        bodies.put("unknown event type", event("type", "\"teleport\"").getBytes(StandardCharsets.UTF_8));
        bodies.put("timestamp far in the future", event("timestamp", "99999999999999").getBytes(StandardCharsets.UTF_8));
        bodies.put("timestamp as seconds", event("timestamp", "1763975730").getBytes(StandardCharsets.UTF_8));
        bodies.put("control characters in an id", event("itemId", "\"a\\r\\nSet-Cookie: x=1\"").getBytes(StandardCharsets.UTF_8));
        bodies.put("not JSON", "<xml/>".getBytes(StandardCharsets.UTF_8));
        bodies.put("empty body", new byte[0]);
        bodies.put("JSON null", "null".getBytes(StandardCharsets.UTF_8));
        for (Map.Entry<String, byte[]> bad : bodies.entrySet()) {
            HttpClientSupport.Raw answer = post("/v1/events", "application/json", bad.getValue());
            String text = new String(answer.body(), StandardCharsets.UTF_8);
            assertTrue(answer.status() >= 400 && answer.status() < 500, bad.getKey() + ": " + answer.status() + " " + text);
            assertEquals("application/problem+json", answer.headers().firstValue("Content-Type").orElse(""), bad.getKey());
            assertFalse(text.contains("Exception") || text.contains("\tat "), bad.getKey() + " leaks internals: " + text);
            assertEquals(200, http.get("/health").status(), "the server answers right after " + bad.getKey());
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
        };
        for (String path : paths) {
            HttpClientSupport.Raw answer = http.raw(HttpRequest.newBuilder(URI.create(engine.baseUrl() + path))
                    .header("Authorization", "Bearer " + TestEngines.DEMO_KEY).GET());
            String text = new String(answer.body(), StandardCharsets.UTF_8);
            assertTrue(answer.status() == 400 || answer.status() == 404, path + ": " + answer.status() + " " + text);
            assertTrue(answer.headers().firstValue("X-Injected").isEmpty(), path);
            assertFalse(text.contains("Exception"), path + " leaks internals: " + text);
        }
        assertEquals(200, http.get("/v1/customers/x/recommendations?count=3").status());
    }
}
