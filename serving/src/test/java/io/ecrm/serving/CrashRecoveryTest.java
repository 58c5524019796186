package io.ecrm.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecrm.ingest.EventPublisher;
import io.ecrm.schemas.ClickEvent;
import io.ecrm.schemas.EventType;
import io.ecrm.schemas.TenantId;
import io.ecrm.schemas.TenantTopics;
import io.ecrm.serving.kafka.EmbeddedKafka;
import io.ecrm.streams.StreamsSettings;
import io.ecrm.streams.TenantStreams;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly once across a crash: the engine runs as a separate process on a broker of this test's;
 * it is killed (SIGKILL) while it processes a stream of events, restarted on the same state, and
 * afterwards every visitor's counters equal the events sent: none lost, none counted twice.
 */
class CrashRecoveryTest {
    private static final int VISITORS = 200;
    private static final int EVENTS_PER_VISITOR = 60;
    private static final TenantTopics TOPICS = new TenantTopics(new TenantId("crash"));

    @TempDir
    Path dir;

    private Process startEngine(String bootstrap, int httpPort) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "io.ecrm.serving.cli.EcrmCommand", "run", "--bootstrap-servers", bootstrap, "--http-port",
                String.valueOf(httpPort), "--data-dir", dir.resolve("engine").toString(), "--tenant", "crash",
                "--instance-id", "crash-1");
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("engine.log").toFile()).start();
    }

    private static void awaitRunning(HttpClientSupport http) throws Exception {
        http.await("/health", r -> r.status() == 200 && "RUNNING".equals(r.body().at("/tenants/crash").asText()),
                Duration.ofSeconds(90));
    }

    @Test
    void everyEventIsCountedExactlyOnceAfterTheEngineIsKilledMidStream() throws Exception {
        try (EmbeddedKafka kafka = new EmbeddedKafka(dir.resolve("kafka"), TestEngines.freePort(), TestEngines.freePort()).start();
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
             EventPublisher publisher = new EventPublisher(kafka.bootstrapServers())) {
            TenantStreams.createTopics(admin, TOPICS, StreamsSettings.DEFAULTS);
            int httpPort = TestEngines.freePort();
            io.ecrm.serving.tenants.ApiKey key = io.ecrm.serving.tenants.TenantRegistry
                    .open(dir.resolve("engine").resolve("tenants.json")).add(TOPICS.tenant(), "Crash", List.of());
            HttpClientSupport http = new HttpClientSupport("http://127.0.0.1:" + httpPort, key.text());
            Process engine = startEngine(kafka.bootstrapServers(), httpPort);
            try {
                awaitRunning(http);
                // events interleaved across visitors, a few seconds of event time apart per visitor
                Random random = new Random(5);
                List<ClickEvent> events = new ArrayList<>();
                long t0 = 1_763_975_730_000L;
                for (int round = 0; round < EVENTS_PER_VISITOR; round++) {
                    for (int v = 0; v < VISITORS; v++) {
                        events.add(ClickEvent.item("e-" + v + "-" + round, EventType.PRODUCT_VIEW, t0 + round * 5_000L + v,
                                "visitor-" + v, "item-" + random.nextInt(300)));
                    }
                }
                int half = events.size() / 2;
                publisher.publish(TOPICS, events.subList(0, half)).get(60, TimeUnit.SECONDS);
                // kill while the first half is being processed
                http.await("/v1/customers/visitor-0", r -> r.status() == 200, Duration.ofSeconds(60));
                engine.destroyForcibly();
                assertTrue(engine.waitFor(30, TimeUnit.SECONDS));
                publisher.publish(TOPICS, events.subList(half, events.size())).get(60, TimeUnit.SECONDS);

                engine = startEngine(kafka.bootstrapServers(), httpPort);
                awaitRunning(http);
                for (int v = 0; v < VISITORS; v++) {
                    String path = "/v1/customers/visitor-" + v;
                    HttpClientSupport.Response profile = http.await(path, r -> r.status() == 200
                            && r.body().at("/profile/eventsByType/product_view").asInt() >= EVENTS_PER_VISITOR, Duration.ofSeconds(120));
                    assertEquals(EVENTS_PER_VISITOR, profile.body().at("/profile/eventsByType/product_view").asInt(), path);
                }
                // nothing more arrives later: the counts stay exact
                Thread.sleep(2_000);
                for (int v = 0; v < VISITORS; v += 37) {
                    assertEquals(EVENTS_PER_VISITOR, http.get("/v1/customers/visitor-" + v).body()
                            .at("/profile/eventsByType/product_view").asInt());
                }
            } finally {
                engine.destroy();
                if (!engine.waitFor(30, TimeUnit.SECONDS)) {
                    engine.destroyForcibly();
                }
            }
        }
    }
}
