package io.ecrm.benchmarks.harness;

import io.ecrm.schemas.TenantId;
import io.ecrm.serving.Engine;
import io.ecrm.serving.EngineSettings;
import io.ecrm.serving.TenantEngine;
import io.ecrm.serving.tenants.ApiKey;
import io.ecrm.serving.tenants.Quota;
import io.ecrm.serving.tenants.TenantRegistry;
import io.ecrm.streams.StreamsSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.streams.KafkaStreams;

/**
 * A fresh engine for one load run: the embedded broker, one tenant with its own API key, and the
 * HTTP API, all on free loopback ports, with every file in a new temporary folder that is deleted
 * again on close. Settings are the engine's defaults except where a run says otherwise.
 */
final class BenchEngine implements AutoCloseable {
    static final String TENANT = "bench";
    /** The second tenant of a noisy-neighbour run, held to its quota. */
    static final String NOISY_TENANT = "noisy";

    private final Path dataDir;
    private final EngineSettings settings;
    private final Engine engine;
    private final ApiKey key;
    private final ApiKey noisyKey;

    private BenchEngine(Path dataDir, EngineSettings settings, Engine engine, ApiKey key, ApiKey noisyKey) {
        this.dataDir = dataDir;
        this.settings = settings;
        this.engine = engine;
        this.key = key;
        this.noisyKey = noisyKey;
    }

    /**
     * Starts the engine under {@code parent} and waits (at most a minute) until the tenant's Streams
     * application runs.
     */
    static BenchEngine start(Path parent, StreamsSettings streams) throws Exception {
        return start(parent, streams, null, "bench-1");
    }

    /**
     * As {@link #start(Path, StreamsSettings)}, on the Kafka cluster at {@code bootstrapServers}
     * (null: the embedded broker) as instance {@code instanceId} of the tenant.
     */
    static BenchEngine start(Path parent, StreamsSettings streams, String bootstrapServers, String instanceId) throws Exception {
        return start(parent, streams, bootstrapServers, instanceId, null);
    }

    /**
     * As {@link #start(Path, StreamsSettings)}, with a second tenant, {@value #NOISY_TENANT}, held
     * to {@code noisyQuota} (null: no second tenant).
     */
    static BenchEngine start(Path parent, StreamsSettings streams, Quota noisyQuota) throws Exception {
        return start(parent, streams, null, "bench-1", noisyQuota);
    }

    private static BenchEngine start(Path parent, StreamsSettings streams, String bootstrapServers, String instanceId,
                                     Quota noisyQuota) throws Exception {
        Files.createDirectories(parent);
        Path dataDir = Files.createTempDirectory(parent, "ecrm-bench-");
        TenantRegistry registry = TenantRegistry.open(dataDir.resolve("tenants.json"));
        ApiKey key = registry.add(new TenantId(TENANT), "Load runs", List.of());
        registry.setQuota(new TenantId(TENANT), Quota.NONE); // a load run measures the engine, not its quota
        List<TenantId> tenants = List.of(new TenantId(TENANT));
        ApiKey noisyKey = null;
        if (noisyQuota != null) {
            noisyKey = registry.add(new TenantId(NOISY_TENANT), "Noisy neighbour", List.of());
            registry.setQuota(new TenantId(NOISY_TENANT), noisyQuota);
            tenants = List.of(new TenantId(TENANT), new TenantId(NOISY_TENANT));
        }
        EngineSettings d = EngineSettings.DEFAULTS;
        EngineSettings settings = new EngineSettings("127.0.0.1", freePort(), null, bootstrapServers, freePort(), freePort(),
                dataDir, tenants, instanceId, d.maxBatchEvents(), d.maxBodyBytes(), d.maxCount(),
                d.maxIdLength(), d.maxQueryChars(), d.allowedOrigins(), streams, d.recommender(),
                0L, false); // no background fit: a load run measures the configured settings, on cores nothing else uses
        Engine engine;
        try {
            engine = Engine.start(settings);
        } catch (Exception e) {
            deleteTree(dataDir);
            throw e;
        }
        BenchEngine bench = new BenchEngine(dataDir, settings, engine, key, noisyKey);
        try {
            bench.awaitRunning(60_000);
        } catch (Exception e) {
            bench.close();
            throw e;
        }
        return bench;
    }

    private void awaitRunning(long patienceMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + patienceMillis;
        while (tenant().streams().state() != KafkaStreams.State.RUNNING) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("the tenant's Streams application is " + tenant().streams().state()
                        + " after " + patienceMillis / 1000 + " s");
            }
            Thread.sleep(100);
        }
    }

    EngineSettings settings() {
        return settings;
    }

    /** The tenants file, with the tenant's key: another instance of the tenant needs the same. */
    Path tenantsFile() {
        return settings.tenantsFile();
    }

    /** Whether another instance of the tenant holds some of its partitions (as Kafka Streams' metadata has it). */
    boolean anotherInstanceHoldsPartitions() {
        String self = settings.advertisedServer();
        return tenant().streams().kafkaStreams().metadataForAllStreamsClients().stream()
                .anyMatch(m -> !(m.host() + ":" + m.port()).equals(self) && !m.topicPartitions().isEmpty());
    }

    Engine engine() {
        return engine;
    }

    TenantEngine tenant() {
        return engine.tenants().defaultTenant();
    }

    /** A new connection to the HTTP API that sends the noisy tenant's key. */
    LoopbackClient noisyClient() {
        return new LoopbackClient("127.0.0.1", engine.httpPort(), "Bearer " + noisyKey.text());
    }

    /** A new connection to the HTTP API that sends the tenant's key. */
    LoopbackClient client() {
        return new LoopbackClient("127.0.0.1", engine.httpPort(), "Bearer " + key.text());
    }

    /** The sum of every item's weighted count in the global store: what the stores have counted so far. */
    double countedWeight() {
        double[] sum = {0};
        tenant().streams().forEachItemCount((item, count) -> sum[0] += count);
        return sum[0];
    }

    /** Bytes on disk of the tenant's state stores (RocksDB files and checkpoints). */
    long stateBytes() {
        return treeBytes(dataDir.resolve("state"));
    }

    /** Bytes on disk of the embedded broker's log. */
    long kafkaBytes() {
        return treeBytes(dataDir.resolve("kafka"));
    }

    private static long treeBytes(Path root) {
        return treeBytes(root, 3);
    }

    private static long treeBytes(Path root, int attempts) {
        if (!Files.exists(root)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.mapToLong(p -> {
                try {
                    return Files.isRegularFile(p) ? Files.size(p) : 0;
                } catch (IOException e) {
                    return 0; // a file RocksDB or the broker deleted while we walked: it holds nothing now
                }
            }).sum();
        } catch (IOException | UncheckedIOException e) {
            if (attempts <= 1) {
                throw new IllegalStateException("could not measure " + root, e);
            }
            return treeBytes(root, attempts - 1); // a directory vanished mid-walk (segment roll): walk again
        }
    }

    @Override
    public void close() {
        engine.close();
        deleteTree(dataDir);
    }

    static void deleteTree(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + root + ": " + e.getMessage());
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
