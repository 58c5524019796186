package io.ecrm.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances of one tenant on one Kafka cluster share its visitors by partition, and a request
 * to either answers the same: the instance asked forwards a visitor's request to the instance that
 * holds the visitor. When one instance stops, the other takes its partitions over (from its standby
 * replicas) and answers for every visitor alone.
 */
class ScaleOutTest {
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final long T0 = 1_763_975_730_000L;
    private static final int VISITORS = 24;

    @TempDir
    Path dir;

    /** Visitors known only anonymously, known as customers, and an id that names both (the customer wins). */
    private static List<String> visitorIds() {
        List<String> ids = new ArrayList<>();
        for (int v = 0; v < VISITORS; v++) {
            ids.add((v % 3 == 0 ? "anon-" : v % 3 == 1 ? "cust-" : "both-") + v);
        }
        return ids;
    }

    private static String events() {
        List<String> events = new ArrayList<>();
        String[] items = {"tent", "stove", "lamp", "mat", "map"};
        int n = 0;
        for (String id : visitorIds()) {
            int v = Integer.parseInt(id.substring(id.indexOf('-') + 1));
            for (int k = 0; k < 3; k++) {
                String who = id.startsWith("anon-") ? "\"anonymousId\":\"" + id + "\""
                        : "\"customerId\":\"" + id + "\",\"anonymousId\":\"device-" + v + "\"";
                events.add(String.format("{\"eventId\":\"e%d\",\"type\":\"product_view\",\"timestamp\":%d,%s,\"itemId\":\"%s\"}",
                        n++, T0 + n * 1000L, who, items[(v + k) % items.length]));
            }
            if (id.startsWith("both-")) {
                // the same id also used as an anonymous id, by someone else
                events.add(String.format("{\"eventId\":\"e%d\",\"type\":\"product_view\",\"timestamp\":%d,\"anonymousId\":\"%s\",\"itemId\":\"map\"}",
                        n++, T0 + n * 1000L, id));
            }
        }
        return "[" + String.join(",", events) + "]";
    }

    private static void awaitReady(HttpClientSupport http) throws Exception {
        http.await("/health/ready", r -> r.status() == 200, PATIENCE);
    }

    /** The devices (anonymous ids) the customers signed in on: each is linked to its customer. */
    private static Map<String, String> devices() {
        Map<String, String> devices = new LinkedHashMap<>();
        for (String id : visitorIds()) {
            if (!id.startsWith("anon-")) {
                devices.put("device-" + id.substring(id.indexOf('-') + 1), id);
            }
        }
        return devices;
    }

    /** Each visitor's profile and recommendations, once both reads answer 200 on this instance. */
    private static Map<String, JsonNode> answers(HttpClientSupport http) throws Exception {
        Map<String, JsonNode> answers = new LinkedHashMap<>();
        for (String device : devices().keySet()) {
            answers.put(device, http.await("/v1/customers/" + device, r -> r.status() == 200, PATIENCE).body());
        }
        for (String id : visitorIds()) {
            answers.put(id, http.await("/v1/customers/" + id, r -> r.status() == 200, PATIENCE).body());
            JsonNode recommended = http.await("/v1/customers/" + id + "/recommendations?count=3",
                    r -> r.status() == 200 && r.body().get("personalised").asBoolean(), PATIENCE).body();
            ((ObjectNode) recommended).remove("recommendationId"); // each answer's own: the rest must agree
            answers.put(id + "/recommendations", recommended);
        }
        return answers;
    }

    /** Reads until two rounds agree: the global item stores settle a moment after the visitor stores. */
    private static Map<String, JsonNode> settledAnswers(HttpClientSupport http) throws Exception {
        Map<String, JsonNode> last = answers(http);
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            Thread.sleep(1_500);
            Map<String, JsonNode> next = answers(http);
            if (next.equals(last)) {
                return next;
            }
            last = next;
        }
        throw new AssertionError("the answers did not settle within " + PATIENCE);
    }

    private static long activeTasks(Engine engine) {
        return engine.tenants().defaultTenant().streams().kafkaStreams().metadataForLocalThreads().stream()
                .mapToLong(thread -> thread.activeTasks().size()).sum();
    }

    private static double forwarded(HttpClientSupport http, String outcome) throws Exception {
        String text = new String(http.raw(http.request("/metrics").GET()).body(), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("ecrm_forwarded_requests_total\\{outcome=\"" + outcome + "\"} (\\S+)").matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    @Test
    void eitherInstanceAnswersForEveryVisitorAndOneTakesOverWhenTheOtherStops() throws Exception {
        Path dirA = dir.resolve("a");
        Path dirB = dir.resolve("b");
        TestEngines.writeKeys(dirA);
        TestEngines.writeKeys(dirB);
        try (Engine a = Engine.start(TestEngines.instance(dirA, null, "a", 1))) {
            HttpClientSupport httpA = new HttpClientSupport(a.baseUrl(), TestEngines.DEMO_KEY);
            Engine b = Engine.start(TestEngines.instance(dirB, a.bootstrapServers(), "b", 1));
            try {
                HttpClientSupport httpB = new HttpClientSupport(b.baseUrl(), TestEngines.DEMO_KEY);
                awaitReady(httpA);
                awaitReady(httpB);
                assertEquals(202, httpA.post("/v1/events", "application/json", events()).status());

                Map<String, JsonNode> fromA = settledAnswers(httpA);
                Map<String, JsonNode> fromB = answers(httpB);
                assertEquals(fromA, fromB, "both instances answer the same for every visitor");
                long tasks = activeTasks(a) + activeTasks(b);
                assertTrue(activeTasks(a) > 0 && activeTasks(b) > 0, "each instance owns part of the visitors");
                assertTrue(forwarded(httpA, "relayed") > 0 && forwarded(httpB, "relayed") > 0,
                        "each instance forwarded requests for visitors the other holds");
                for (String id : visitorIds()) {
                    String expectedKey = (id.startsWith("anon-") ? "a:" : "c:") + id;
                    assertEquals(expectedKey, fromA.get(id).at("/profile/visitorKey").asText(), id);
                    assertFalse(fromA.get(id + "/recommendations").get("items").isEmpty(), id);
                }
                devices().forEach((device, customer) -> assertEquals("c:" + customer,
                        fromB.get(device).at("/profile/visitorKey").asText(), device + " is linked to " + customer));

                // what recommendations earned adds up every instance's visitors, asked of either instance (visitors of
                // their own; their events, stamped now, move each partition's event time on and close the open visits)
                assertEquals(201, httpA.put("/v1/experiments/split", "{\"arms\":[{\"name\":\"a\"},{\"name\":\"b\"}]}").status());
                StringBuilder shown = new StringBuilder("[");
                long now = System.currentTimeMillis();
                for (String id : visitorIds().stream().map(id -> "watcher-" + id).toList()) {
                    JsonNode answer = httpB.await("/v1/customers/" + id + "/recommendations?count=2",
                            r -> r.status() == 200 && r.body().has("experiment"), PATIENCE).body();
                    shown.append(shown.length() > 1 ? "," : "").append(String.format("{\"eventId\":\"shown-%s\",\"type\":"
                            + "\"impression\",\"timestamp\":%d,\"anonymousId\":\"%s\",\"recommendationId\":\"%s\","
                            + "\"placement\":\"home\",\"itemIds\":[\"%s\"]}", id, now, id,
                            answer.get("recommendationId").asText(), answer.at("/items/0/itemId").asText()));
                }
                assertEquals(202, httpA.post("/v1/events", "application/json", shown.append(']').toString()).status());
                for (HttpClientSupport http : List.of(httpA, httpB)) {
                    http.await("/v1/reports/recommendations?window=24h",
                            r -> r.body().at("/total/impressions").asInt() == VISITORS, PATIENCE);
                    http.await("/v1/experiments/split", r -> r.body().at("/arms/0/impressions").asInt()
                            + r.body().at("/arms/1/impressions").asInt() == VISITORS, PATIENCE);
                }
                assertEquals(409, httpB.post("/v1/experiments/split/promote", "application/json", "").status(),
                        "one impression per visitor and no click: no winner (the promotion asked both instances)");
                assertEquals(200, httpB.post("/v1/experiments/split/stop", "application/json", "").status());
                httpA.await("/v1/experiments", r -> r.body().at("/0/status").asText().equals("stopped"), PATIENCE);
                Map<String, JsonNode> beforeTakeover = settledAnswers(httpA);

                b.close();
                awaitReady(httpA);
                assertEquals(beforeTakeover, answers(httpA), "after the other instance stopped, this one answers for all");
                assertEquals(tasks, activeTasks(a), "every task now runs on the remaining instance");
            } finally {
                b.close();
            }
        }
    }
}
