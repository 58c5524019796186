package io.ecrm.serving;

import io.ecrm.recommender.RecommenderSettings;
import io.ecrm.schemas.EventDecoder;
import io.ecrm.schemas.TenantId;
import io.ecrm.streams.StreamsSettings;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Everything the engine needs to run, with every default in {@link #DEFAULTS}. The command line
 * (with environment variables as fallbacks) builds one of these; nothing else reads settings.
 *
 * @param httpHost          address the HTTP API binds to
 * @param httpPort          port of the HTTP API
 * @param applicationServer {@code host:port} at which other instances reach this one's HTTP API (Kafka Streams'
 *                          {@code application.server}); {@code null} derives it from httpHost and httpPort
 * @param bootstrapServers  an external Kafka cluster; {@code null} starts the embedded broker
 * @param kafkaPort         port of the embedded broker
 * @param controllerPort    KRaft controller port of the embedded broker
 * @param dataDir           root of everything on disk: {@code kafka/} (embedded broker log) and {@code state/} (RocksDB)
 * @param tenants           tenants served by this installation; the first is the default tenant
 * @param instanceId        stable name of this instance (static group membership, logs)
 * @param maxBatchEvents    most events one POST /v1/events may carry
 * @param maxBodyBytes      largest request body accepted
 * @param maxCount          largest {@code count} a query may ask for
 * @param maxIdLength       longest id in a path or in an event, at most the event schema's {@link EventDecoder#MAX_ID_LENGTH}
 * @param maxQueryChars     longest query string (the part after {@code ?}, as sent)
 * @param allowedOrigins    browser origins allowed to send events to the collector ({@code *}: any)
 * @param tuneEveryMillis   how old a tenant's last fit of its serving settings may get before the next; 0 fits on
 *                          request only ({@code POST /v1/model/tuning})
 * @param fitsToExperiment  whether a fit that beats the settings in use starts an A/B experiment of them against
 *                          the current ones ({@code fit-<job id>}, half the visitors each) rather than being applied
 */
public record EngineSettings(
        String httpHost,
        int httpPort,
        String applicationServer,
        String bootstrapServers,
        int kafkaPort,
        int controllerPort,
        Path dataDir,
        List<TenantId> tenants,
        String instanceId,
        int maxBatchEvents,
        long maxBodyBytes,
        int maxCount,
        int maxIdLength,
        int maxQueryChars,
        List<String> allowedOrigins,
        StreamsSettings streams,
        RecommenderSettings recommender,
        long tuneEveryMillis,
        boolean fitsToExperiment) {

    public static final EngineSettings DEFAULTS = new EngineSettings(
            "127.0.0.1", 7070, null, null, 9092, 9093, Path.of("ecrm-data"), List.of(new TenantId("demo")), "ecrm-1",
            10_000, 10L * 1024 * 1024, 1000, EventDecoder.MAX_ID_LENGTH, 8192, List.of("*"),
            StreamsSettings.DEFAULTS, RecommenderSettings.DEFAULTS, 86_400_000L, false);

    private static final Set<String> WILDCARD_HOSTS = Set.of("0.0.0.0", "::", "[::]", "");

    public EngineSettings {
        tenants = List.copyOf(tenants);
        allowedOrigins = List.copyOf(allowedOrigins);
        if (tenants.isEmpty()) {
            throw new IllegalArgumentException("at least one tenant is needed");
        }
        if (httpPort < 0 || httpPort > 65535 || kafkaPort < 0 || kafkaPort > 65535) {
            throw new IllegalArgumentException("ports must be within 0..65535");
        }
        if (applicationServer != null && !applicationServer.matches("[^:\\s]+:\\d{1,5}")) {
            throw new IllegalArgumentException("the application server must be host:port, not '" + applicationServer + "'");
        }
        if (maxBatchEvents < 1 || maxBodyBytes < 1 || maxCount < 1 || maxQueryChars < 1) {
            throw new IllegalArgumentException("limits must be at least 1");
        }
        if (tuneEveryMillis < 0) {
            throw new IllegalArgumentException("the fit interval must be 0 (on request only) or more");
        }
        if (maxIdLength < 1 || maxIdLength > EventDecoder.MAX_ID_LENGTH) {
            throw new IllegalArgumentException("the id length limit must be from 1 to " + EventDecoder.MAX_ID_LENGTH
                    + " (the event schema's limit)");
        }
    }

    public boolean embeddedKafka() {
        return bootstrapServers == null;
    }

    /**
     * The {@code host:port} other instances use to forward requests here: the configured
     * application server, else the HTTP host and port (the machine's name when bound to every address).
     */
    public String advertisedServer() {
        if (applicationServer != null) {
            return applicationServer;
        }
        String host = httpHost;
        if (WILDCARD_HOSTS.contains(host)) {
            try {
                host = InetAddress.getLocalHost().getCanonicalHostName();
            } catch (UnknownHostException e) {
                host = "localhost";
            }
        }
        return host + ":" + httpPort;
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
        return new EngineSettings(httpHost, port, applicationServer, bootstrapServers, kafkaPort, controllerPort, dataDir,
                tenants, instanceId, maxBatchEvents, maxBodyBytes, maxCount, maxIdLength, maxQueryChars, allowedOrigins,
                streams, recommender, tuneEveryMillis, fitsToExperiment);
    }
}
