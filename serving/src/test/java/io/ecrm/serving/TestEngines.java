package io.ecrm.serving;

import io.ecrm.schemas.TenantId;
import io.ecrm.streams.StreamsSettings;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;

/** Engine settings for tests: everything on 127.0.0.1 on free ports, data in a test folder. */
final class TestEngines {
    private TestEngines() {
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Keys written to the test engine's tenants file, by tenant. */
    static final String DEMO_KEY = "ecrm_0000d0d0_test-key-of-the-demo-tenant";
    static final String OTHER_KEY = "ecrm_00000001_test-key-of-the-other-tenant";
    /** Keys of tenant demo with one scope each, by scope. */
    static final java.util.Map<io.ecrm.serving.tenants.Scope, String> DEMO_SCOPED_KEYS = java.util.Map.of(
            io.ecrm.serving.tenants.Scope.EVENTS, "ecrm_0000e0e0_test-key-of-demo-events-only",
            io.ecrm.serving.tenants.Scope.READ, "ecrm_0000e0e1_test-key-of-demo-read-only",
            io.ecrm.serving.tenants.Scope.ADMIN, "ecrm_0000e0e2_test-key-of-demo-admin-only");

    /**
     * Writes a tenants file with {@link #DEMO_KEY} (every scope) and {@link #DEMO_SCOPED_KEYS} for tenant
     * demo, and {@link #OTHER_KEY} for tenant other.
     */
    static void writeKeys(Path dataDir) throws IOException {
        io.ecrm.serving.tenants.TenantRegistry registry = io.ecrm.serving.tenants.TenantRegistry.open(dataDir.resolve("tenants.json"));
        registry.addWithKey(new TenantId("demo"), "Demo", List.of(), io.ecrm.serving.tenants.ApiKey.parse(DEMO_KEY).orElseThrow());
        for (var scoped : DEMO_SCOPED_KEYS.entrySet()) {
            registry.addKey(new TenantId("demo"), scoped.getKey().wireName() + "-only", java.util.Set.of(scoped.getKey()),
                    io.ecrm.serving.tenants.ApiKey.parse(scoped.getValue()).orElseThrow());
        }
        registry.addWithKey(new TenantId("other"), "Other", List.of("https://other.example"), io.ecrm.serving.tenants.ApiKey.parse(OTHER_KEY).orElseThrow());
    }

    static EngineSettings embedded(Path dataDir, String... tenants) throws IOException {
        EngineSettings d = EngineSettings.DEFAULTS;
        List<TenantId> ids = tenants.length == 0 ? d.tenants() : List.of(tenants).stream().map(TenantId::new).toList();
        return new EngineSettings("127.0.0.1", 0, null, null, freePort(), freePort(), dataDir, ids, "test-1",
                100, 64 * 1024, d.maxCount(), d.maxIdLength(), d.maxQueryChars(), List.of("https://shop.example"),
                d.streams(), d.recommender(), d.tuneEveryMillis(), d.fitsToExperiment());
    }

    /**
     * One of several instances serving the same tenants: its own data directory, HTTP port and
     * instance id; on the embedded broker when {@code bootstrapServers} is null, else on that cluster.
     */
    static EngineSettings instance(Path dataDir, String bootstrapServers, String instanceId, int standbyReplicas,
                                   String... tenants) throws IOException {
        EngineSettings d = embedded(dataDir, tenants);
        StreamsSettings streams = d.streams().withStandbyReplicas(standbyReplicas);
        return new EngineSettings(d.httpHost(), freePort(), null, bootstrapServers, d.kafkaPort(), d.controllerPort(),
                dataDir, d.tenants(), instanceId, d.maxBatchEvents(), d.maxBodyBytes(), d.maxCount(), d.maxIdLength(),
                d.maxQueryChars(), d.allowedOrigins(), streams, d.recommender(), d.tuneEveryMillis(), d.fitsToExperiment());
    }

    /** Calls {@code action} with the key and value (null for a tombstone) of every committed record of a topic, in order per partition. */
    static void readTopic(String bootstrap, String topic, java.util.function.BiConsumer<byte[], byte[]> action) {
        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<byte[], byte[]>(java.util.Map.of(
                org.apache.kafka.clients.consumer.ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                org.apache.kafka.clients.consumer.ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + java.util.UUID.randomUUID(),
                org.apache.kafka.clients.consumer.ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            List<org.apache.kafka.common.TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new org.apache.kafka.common.TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            var ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p)) && System.nanoTime() < deadline) {
                for (var record : consumer.poll(java.time.Duration.ofMillis(200))) {
                    action.accept(record.key(), record.value());
                }
            }
        }
    }
}
