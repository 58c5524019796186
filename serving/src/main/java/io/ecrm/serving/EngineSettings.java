package io.ecrm.serving;

import io.ecrm.recommender.RecommenderSettings;
import io.ecrm.schemas.TenantId;
import io.ecrm.streams.StreamsSettings;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything the engine needs to run, with every default in {@link #DEFAULTS}. The command line
 * (with environment variables as fallbacks) builds one of these; nothing else reads settings.
 *
 * @param httpHost          address the HTTP API binds to
 * @param httpPort          port of the HTTP API
 * @param bootstrapServers  an external Kafka cluster; {@code null} starts the embedded broker
 * @param kafkaPort         port of the embedded broker
 * @param controllerPort    KRaft controller port of the embedded broker
 * @param dataDir           root of everything on disk: {@code kafka/} (embedded broker log) and {@code state/} (RocksDB)
 * @param tenants           tenants served by this installation; the first is the default tenant
 * @param instanceId        stable name of this instance (static group membership, logs)
 * @param maxBatchEvents    most events one POST /v1/events may carry
 * @param maxBodyBytes      largest request body accepted
 * @param maxCount          largest {@code count} a query may ask for
 * @param allowedOrigins    browser origins allowed to send events to the collector ({@code *}: any)
 */
public record EngineSettings(
        String httpHost,
        int httpPort,
        String bootstrapServers,
        int kafkaPort,
        int controllerPort,
        Path dataDir,
        List<TenantId> tenants,
        String instanceId,
        int maxBatchEvents,
        long maxBodyBytes,
        int maxCount,
        List<String> allowedOrigins,
        StreamsSettings streams,
        RecommenderSettings recommender) {

    public static final EngineSettings DEFAULTS = new EngineSettings(
            "127.0.0.1", 7070, null, 9092, 9093, Path.of("ecrm-data"), List.of(new TenantId("demo")), "ecrm-1",
            10_000, 10L * 1024 * 1024, 1000, List.of("*"), StreamsSettings.DEFAULTS, RecommenderSettings.DEFAULTS);

    public EngineSettings {
        tenants = List.copyOf(tenants);
        allowedOrigins = List.copyOf(allowedOrigins);
        if (tenants.isEmpty()) {
            throw new IllegalArgumentException("at least one tenant is needed");
        }
        if (httpPort < 0 || httpPort > 65535 || kafkaPort < 0 || kafkaPort > 65535) {
            throw new IllegalArgumentException("ports must be within 0..65535");
        }
    }

    public boolean embeddedKafka() {
        return bootstrapServers == null;
    }

    public Path kafkaDir() {
        return dataDir.resolve("kafka");
    }

    /** The tenants file: tenants and their API keys, hashed. */
    public Path tenantsFile() {
        return dataDir.resolve("tenants.json");
    }

    public Path stateDir() {
        return dataDir.resolve("state");
    }

    public EngineSettings withHttpPort(int port) {
        return new EngineSettings(httpHost, port, bootstrapServers, kafkaPort, controllerPort, dataDir, tenants,
                instanceId, maxBatchEvents, maxBodyBytes, maxCount, allowedOrigins, streams, recommender);
    }
}
