package io.ecrm.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecrm.serving.kafka.EmbeddedKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One of two instances of a tenant (with a standby replica each) is killed with SIGKILL: the other
 * answers every recommendation throughout, without the visitor's state while the dead one's
 * visitors have no owner ({@code "personalised": false}), and takes those visitors over, from its
 * standbys, once the group's session timeout has passed. The time until every visitor is answered
 * in person again is printed.
 */
class FailoverTest {
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final long T0 = 1_763_975_730_000L;
    private static final int VISITORS = 24;

    @TempDir
    Path dir;

    private static String events() {
        List<String> events = new ArrayList<>();
        String[] items = {"tent", "stove", "lamp", "mat", "map"};
        int n = 0;
        for (int v = 0; v < VISITORS; v++) {
            for (int k = 0; k < 3; k++) {
                events.add(String.format("{\"eventId\":\"e%d\",\"type\":\"product_view\",\"timestamp\":%d,"
                        + "\"customerId\":\"c%d\",\"itemId\":\"%s\"}", n++, T0 + n * 1000L, v, items[(v + k) % items.length]));
            }
        }
        return "[" + String.join(",", events) + "]";
    }

    @Test
    void theSurvivingInstanceAnswersEveryRecommendationAndTakesOverTheDeadOnesVisitors() throws Exception {
        Path dirA = dir.resolve("a");
        Path dirB = dir.resolve("b");
        TestEngines.writeKeys(dirA);
        TestEngines.writeKeys(dirB);
        EngineProcesses processes = new EngineProcesses(dir);
        try (EmbeddedKafka kafka = new EmbeddedKafka(dir.resolve("kafka"), TestEngines.freePort(), TestEngines.freePort()).start()) {
            int portA = TestEngines.freePort();
            Process a = processes.start("a", "run", "--bootstrap-servers", kafka.bootstrapServers(), "--http-port",
                    String.valueOf(portA), "--data-dir", dirA.toString(), "--tenant", "demo", "--instance-id", "a",
                    "--standby-replicas", "1");
            try (Engine b = Engine.start(TestEngines.instance(dirB, kafka.bootstrapServers(), "b", 1))) {
                HttpClientSupport httpA = new HttpClientSupport("http://127.0.0.1:" + portA, TestEngines.DEMO_KEY);
                HttpClientSupport httpB = new HttpClientSupport(b.baseUrl(), TestEngines.DEMO_KEY);
                httpA.await("/health/ready", r -> r.status() == 200, Duration.ofSeconds(90));
                httpB.await("/health/ready", r -> r.status() == 200, PATIENCE);
                assertEquals(202, httpB.post("/v1/events", "application/json", events()).status());
                for (int v = 0; v < VISITORS; v++) {
                    HttpClientSupport.Response profile = httpB.await("/v1/customers/c" + v, r -> r.status() == 200, PATIENCE);
                    assertEquals("c:c" + v, profile.body().at("/profile/visitorKey").asText());
                }

                EngineProcesses.kill(a);
                long killed = System.nanoTime();
                Set<String> degraded = new HashSet<>();
                long allBackMillis = -1;
                int lastPersonal = VISITORS;
                while (System.nanoTime() - killed < PATIENCE.toNanos() && allBackMillis < 0) {
                    int personal = 0;
                    for (int v = 0; v < VISITORS; v++) {
                        HttpClientSupport.Response answer = httpB.get("/v1/customers/c" + v + "/recommendations?count=3");
                        assertEquals(200, answer.status(), "a recommendation failed during the failover: " + answer.body());
                        boolean personalised = answer.body().get("personalised").asBoolean();
                        assertEquals(String.valueOf(personalised), answer.allHeaders().firstValue("X-Ecrm-Personalised").orElseThrow());
                        assertTrue(answer.body().get("items").size() > 0, "a degraded answer still has items");
                        if (personalised) {
                            personal++;
                        } else {
                            degraded.add("c" + v);
                        }
                    }
                    if (personal != lastPersonal) {
                        System.out.printf("failover: %,d ms after the kill, %d of %d visitors answered in person%n",
                                (System.nanoTime() - killed) / 1_000_000, personal, VISITORS);
                        lastPersonal = personal;
                    }
                    if (personal == VISITORS && httpB.get("/health/ready").status() == 200) {
                        allBackMillis = (System.nanoTime() - killed) / 1_000_000;
                    } else {
                        Thread.sleep(100);
                    }
                }
                System.out.printf("failover: %d visitors answered without their state for a while; every visitor "
                        + "answered in person again %,d ms after the SIGKILL%n", degraded.size(), allBackMillis);
                assertTrue(allBackMillis >= 0, "visitors still answered without their state " + PATIENCE + " after the kill");
                assertTrue(!degraded.isEmpty(), "no visitor was held by the killed instance");
                // a visitor the dead instance had processed but not committed is processed again here first
                for (int v = 0; v < VISITORS; v++) {
                    httpB.await("/v1/customers/c" + v, r -> r.status() == 200 && r.body().at("/profile/recentItems").size() == 3,
                            PATIENCE);
                }
            } finally {
                EngineProcesses.stop(a);
            }
        }
    }
}
