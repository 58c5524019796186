package io.ecrm.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecrm.schemas.TenantId;
import io.ecrm.schemas.TenantTopics;
import io.ecrm.serving.kafka.EmbeddedKafka;
import io.ecrm.serving.tenants.ApiKey;
import io.ecrm.serving.tenants.TenantRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly once across crashes. A seeded clickstream goes over HTTP at full speed from several
 * senders ({@link CrashLoad}); at a seeded moment one part is killed with SIGKILL and started
 * again while the senders keep going. Afterwards every event that got a 2xx is counted exactly
 * once, in the visitor's profile and in the item counts, and no event that was refused and given
 * up is counted at all.
 * <ul>
 *   <li>the engine, as a process of its own on a broker of this test's, is killed and restarted
 *       (in this JVM, on the same data directory and instance id, so the test can read its stores);</li>
 *   <li>the broker, as a process of its own ({@code ecrm broker}), is killed under a running engine,
 *       which must answer 503 problems meanwhile (never hang, never 500), reconnect and resume;</li>
 *   <li>the broker is killed and the engine is stopped with SIGTERM while it is gone: the engine
 *       exits within {@link Engine#SHUTDOWN_BOUND}, and once both are back what it had not
 *       committed is done again, exactly once;</li>
 *   <li>on a three-broker cluster (three {@code ecrm broker} processes with a controller quorum),
 *       whose topics have three copies and need two for a write, with two engine instances (a
 *       standby each): one broker is killed, then the other engine; the engine left takes over
 *       from its standbys and nothing is lost.</li>
 * </ul>
 * The seed is {@code -Decrm.crash.seed=N} (default below); the figures are printed.
 */
class CrashRecoveryTest {
    private static final long SEED = Long.getLong("ecrm.crash.seed", 20_261_125L);
    private static final TenantId TENANT = new TenantId("crash");
    private static final int SENDERS = 4;

    @TempDir
    Path dir;

    private EngineProcesses processes() {
        return new EngineProcesses(dir);
    }

    private Process startEngineProcess(String bootstrap, int httpPort) throws IOException {
        return processes().start("engine", "run", "--bootstrap-servers", bootstrap, "--http-port", String.valueOf(httpPort),
                "--data-dir", dir.resolve("engine").toString(), "--tenant", TENANT.value(), "--instance-id", "crash-1");
    }

    private Process startBrokerProcess(int kafkaPort, int controllerPort) throws Exception {
        return processes().startBroker(kafkaPort, controllerPort);
    }

    private ApiKey addTenant() throws IOException {
        return TenantRegistry.open(dir.resolve("engine").resolve("tenants.json")).add(TENANT, "Crash", List.of());
    }

    private static void awaitRunning(HttpClientSupport http) throws Exception {
        http.await("/health", r -> r.status() == 200 && "RUNNING".equals(r.body().at("/tenants/crash").asText()),
                Duration.ofSeconds(90));
    }

    /** Every batch was settled (accepted or given up), and the tenant counts every accepted event once. */
    private static void assertSettledAndCountedOnce(CrashLoad load, TenantEngine tenant) throws InterruptedException {
        assertEquals(load.eventCount(), load.eventsAccepted() + load.eventsGivenUp(), "every batch is settled");
        assertCountedExactlyOnce(load, tenant);
    }

    /** Waits until the tenant's counts equal what was accepted, then checks they stay so. */
    private static void assertCountedExactlyOnce(CrashLoad load, TenantEngine tenant) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + Duration.ofSeconds(120).toNanos();
        List<String> wrong = List.of("not checked yet");
        while (System.nanoTime() < deadline) {
            try {
                wrong = load.mismatches(tenant);
            } catch (io.ecrm.streams.StateNotReadyException e) {
                wrong = List.of(e.getMessage());
            }
            if (wrong.isEmpty()) {
                System.out.printf("counts agree with the accepted events %,d ms after the last answer%n",
                        (System.nanoTime() - start) / 1_000_000);
                break;
            }
            Thread.sleep(250);
        }
        assertEquals(List.of(), wrong.subList(0, Math.min(10, wrong.size())), "counts differ from the accepted events; " + load.summary());
        Thread.sleep(2_000); // nothing more arrives later: the counts stay exact
        assertEquals(List.of(), load.mismatches(tenant), load.summary());
    }

    private EngineSettings engineSettings(String bootstrap, int httpPort) {
        EngineSettings d = EngineSettings.DEFAULTS;
        return new EngineSettings("127.0.0.1", httpPort, null, bootstrap, 0, 0, dir.resolve("engine"), List.of(TENANT), "crash-1",
                d.maxBatchEvents(), d.maxBodyBytes(), d.maxCount(), d.maxIdLength(), d.maxQueryChars(), List.of("*"),
                d.streams(), d.recommender(), d.tuneEveryMillis(), d.fitsToExperiment());
    }

    @Test
    void everyAcceptedEventIsCountedOnceAfterTheEngineIsKilledMidStream() throws Exception {
        CrashLoad load = new CrashLoad(SEED, 300, 60, 300, 50);
        int httpPort = TestEngines.freePort();
        ApiKey key = addTenant();
        try (EmbeddedKafka kafka = new EmbeddedKafka(dir.resolve("kafka"), TestEngines.freePort(), TestEngines.freePort()).start()) {
            Process engineProcess = startEngineProcess(kafka.bootstrapServers(), httpPort);
            Engine[] restarted = new Engine[1];
            try {
                awaitRunning(new HttpClientSupport("http://127.0.0.1:" + httpPort, key.text()));
                long downMillis = 1_000 + new SplittableRandom(SEED).nextInt(2_000);
                load.run("http://127.0.0.1:" + httpPort, key.text(), SENDERS, load.faultAfterBatches(), () -> {
                    EngineProcesses.kill(engineProcess);
                    System.out.printf("engine killed after %,d of %,d batches accepted; down for %,d ms before its restart%n",
                            load.acceptedBatches(), load.batchCount(), downMillis);
                    Thread.sleep(downMillis);
                    restarted[0] = Engine.start(engineSettings(kafka.bootstrapServers(), httpPort));
                });
                System.out.println("engine crash test: " + load.summary());
                assertTrue(load.definiteRefusals() + load.unknownOutcomes() > 0, "the senders never noticed the crash");
                assertTrue(load.eventsGivenUp() > 0, "no refused event was given up, so none could be checked");
                assertSettledAndCountedOnce(load, restarted[0].tenants().find(TENANT.value()).orElseThrow());
            } finally {
                EngineProcesses.stop(engineProcess);
                if (restarted[0] != null) {
                    restarted[0].close();
                }
            }
        }
    }

    @Test
    void everyAcceptedEventIsCountedOnceAfterTheBrokerIsKilledUnderTheEngine() throws Exception {
        CrashLoad load = new CrashLoad(SEED + 1, 300, 60, 300, 50);
        int kafkaPort = TestEngines.freePort();
        int controllerPort = TestEngines.freePort();
        ApiKey key = addTenant();
        Process[] broker = {startBrokerProcess(kafkaPort, controllerPort)};
        try (Engine engine = Engine.start(engineSettings("127.0.0.1:" + kafkaPort, 0))) {
            HttpClientSupport http = new HttpClientSupport(engine.baseUrl(), key.text());
            awaitRunning(http);
            long outageMillis = 3_000 + new SplittableRandom(SEED + 1).nextInt(5_000);
            load.run(engine.baseUrl(), key.text(), SENDERS, load.faultAfterBatches(), () -> {
                EngineProcesses.kill(broker[0]);
                System.out.printf("broker killed after %,d of %,d batches accepted; down for %,d ms before its restart%n",
                        load.acceptedBatches(), load.batchCount(), outageMillis);
                Thread.sleep(outageMillis);
                broker[0] = startBrokerProcess(kafkaPort, controllerPort);
            });
            System.out.println("broker crash test: " + load.summary());
            assertTrue(load.definiteRefusals() > 0, "no 503 while the broker was down");
            assertTrue(load.eventsGivenUp() > 0, "no refused event was given up, so none could be checked");
            assertSettledAndCountedOnce(load, engine.tenants().find(TENANT.value()).orElseThrow());
            awaitRunning(http);
        } finally {
            EngineProcesses.stop(broker[0]);
        }
    }

    @Test
    void anEngineWhoseBrokerIsGoneStopsWithinItsBoundOnSigtermAndLosesNothing() throws Exception {
        CrashLoad load = new CrashLoad(SEED + 2, 300, 60, 300, 50);
        int httpPort = TestEngines.freePort();
        int kafkaPort = TestEngines.freePort();
        int controllerPort = TestEngines.freePort();
        ApiKey key = addTenant();
        Process[] broker = {startBrokerProcess(kafkaPort, controllerPort)};
        String bootstrap = "127.0.0.1:" + kafkaPort;
        Process engineProcess = startEngineProcess(bootstrap, httpPort);
        Engine[] restarted = new Engine[1];
        long[] stopMillis = {-1};
        try {
            awaitRunning(new HttpClientSupport("http://127.0.0.1:" + httpPort, key.text()));
            load.run("http://127.0.0.1:" + httpPort, key.text(), SENDERS, load.faultAfterBatches(), () -> {
                EngineProcesses.kill(broker[0]);
                long start = System.nanoTime();
                engineProcess.destroy(); // SIGTERM
                boolean exited = engineProcess.waitFor(Engine.SHUTDOWN_BOUND.toSeconds() + 30, TimeUnit.SECONDS);
                stopMillis[0] = (System.nanoTime() - start) / 1_000_000;
                assertTrue(exited, "the engine was still running " + stopMillis[0] + " ms after SIGTERM");
                System.out.printf("broker killed after %,d of %,d batches accepted; the engine exited %,d ms after SIGTERM%n",
                        load.acceptedBatches(), load.batchCount(), stopMillis[0]);
                broker[0] = startBrokerProcess(kafkaPort, controllerPort);
                restarted[0] = Engine.start(engineSettings(bootstrap, httpPort));
            });
            // the bound, and the JVM's own exit after it
            assertTrue(stopMillis[0] < Engine.SHUTDOWN_BOUND.toMillis() + 10_000,
                    "the engine took " + stopMillis[0] + " ms to exit after SIGTERM with its broker gone");
            assertTrue(Files.readString(dir.resolve("engine.log")).contains("ecrm: stopping"));
            System.out.println("shutdown test: " + load.summary());
            assertSettledAndCountedOnce(load, restarted[0].tenants().find(TENANT.value()).orElseThrow());
        } finally {
            EngineProcesses.stop(engineProcess);
            if (restarted[0] != null) {
                restarted[0].close();
            }
            EngineProcesses.stop(broker[0]);
        }
    }

    @Test
    void onThreeBrokersABrokerAndThenAnEngineOfTwoAreKilledAndNothingIsLost() throws Exception {
        // a third of the other runs' events: on two cores, three brokers, two engines and the senders share them
        CrashLoad load = new CrashLoad(SEED + 3, 200, 30, 300, 50);
        int[] kafkaPorts = new int[3];
        int[] controllerPorts = new int[3];
        List<String> voters = new ArrayList<>();
        List<String> bootstrap = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            kafkaPorts[i] = TestEngines.freePort();
            controllerPorts[i] = TestEngines.freePort();
            voters.add((i + 1) + "@127.0.0.1:" + controllerPorts[i]);
            bootstrap.add("127.0.0.1:" + kafkaPorts[i]);
        }
        Process[] brokers = new Process[3];
        Process other = null;
        ApiKey key = addTenant();
        try {
            for (int i = 0; i < 3; i++) {
                brokers[i] = processes().startClusterNode(i + 1, kafkaPorts[i], controllerPorts[i], String.join(",", voters));
            }
            for (int i = 0; i < 3; i++) {
                processes().awaitUp("broker-" + (i + 1), brokers[i], 0);
            }
            // two instances of the tenant with a standby each: this one, and another in a process of its own
            EngineSettings here = engineSettings(String.join(",", bootstrap), TestEngines.freePort());
            here = new EngineSettings(here.httpHost(), here.httpPort(), null, here.bootstrapServers(), 0, 0, here.dataDir(),
                    here.tenants(), here.instanceId(), here.maxBatchEvents(), here.maxBodyBytes(), here.maxCount(),
                    here.maxIdLength(), here.maxQueryChars(), here.allowedOrigins(), here.streams().withStandbyReplicas(1),
                    here.recommender(), here.tuneEveryMillis(), here.fitsToExperiment());
            Path otherDir = Files.createDirectories(dir.resolve("engine-2"));
            Files.copy(dir.resolve("engine").resolve("tenants.json"), otherDir.resolve("tenants.json"));
            int otherPort = TestEngines.freePort();
            other = processes().start("engine-2", "run", "--bootstrap-servers", String.join(",", bootstrap), "--http-port",
                    String.valueOf(otherPort), "--data-dir", otherDir.toString(), "--tenant", TENANT.value(),
                    "--instance-id", "crash-2", "--standby-replicas", "1");
            try (Engine engine = Engine.start(here)) {
                HttpClientSupport http = new HttpClientSupport(engine.baseUrl(), key.text());
                awaitRunning(http);
                awaitRunning(new HttpClientSupport("http://127.0.0.1:" + otherPort, key.text()));
                assertReplicated(engine.admin(), new TenantTopics(TENANT));
                HttpClientSupport.Response health = http.get("/health");
                assertEquals(0, health.body().get("warnings").size(), health.body().toString());
                assertEquals(3, health.body().at("/broker/replicationFactor").asInt(), health.body().toString());
                assertEquals(2, health.body().at("/broker/minInsyncReplicas").asInt(), health.body().toString());
                TenantEngine tenant = engine.tenants().find(TENANT.value()).orElseThrow();
                awaitShared(tenant.streams().kafkaStreams(), engine.baseUrl());
                int victim = new SplittableRandom(SEED + 3).nextInt(3);
                Process killedEngine = other;
                load.run(engine.baseUrl(), key.text(), SENDERS, load.faultAfterBatches(), () -> {
                    EngineProcesses.kill(brokers[victim]);
                    System.out.printf("broker %d of 3 killed after %,d of %,d batches accepted%n", victim + 1,
                            load.acceptedBatches(), load.batchCount());
                    Thread.sleep(2_000);
                    EngineProcesses.kill(killedEngine);
                    System.out.printf("the other engine killed after %,d batches accepted%n", load.acceptedBatches());
                });
                System.out.println("cluster crash test: " + load.summary());
                assertSettledAndCountedOnce(load, tenant);
                awaitRunning(http);
            }
        } finally {
            EngineProcesses.stop(other);
            for (Process broker : brokers) {
                EngineProcesses.stop(broker);
            }
        }
    }

    /** Waits until another instance holds some of the tenant's partitions. */
    private static void awaitShared(KafkaStreams streams, String self) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (streams.metadataForAllStreamsClients().stream().anyMatch(m ->
                    !self.endsWith(":" + m.port()) && !m.topicPartitions().isEmpty())) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the other instance holds no partition after 90 s");
    }

    /** Every topic of the tenant, its own and Streams' internal ones, has three copies of each partition and needs two for a write. */
    private static void assertReplicated(Admin admin, TenantTopics topics) throws Exception {
        List<String> names = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream().filter(topics::owns).sorted().toList();
        assertTrue(names.size() > 12 && names.stream().anyMatch(n -> n.endsWith("-changelog")), names.toString());
        for (TopicDescription topic : admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS).values()) {
            topic.partitions().forEach(p -> assertEquals(3, p.replicas().size(), topic.name() + "-" + p.partition()));
        }
        List<ConfigResource> resources = names.stream().map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList();
        admin.describeConfigs(resources).all().get(30, TimeUnit.SECONDS).forEach((resource, config) ->
                assertEquals("2", config.get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG).value(), resource.name()));
    }
}
