package io.ecrm.serving.cli;

import io.ecrm.schemas.TenantId;
import io.ecrm.serving.EngineSettings;
import io.ecrm.streams.Durations;
import io.ecrm.streams.StreamsSettings;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine.Option;

/**
 * The engine's settings on the command line. Each option falls back to an environment variable
 * ({@code ECRM_<NAME>}), then to {@link EngineSettings#DEFAULTS}: defaults live only there.
 */
public final class EngineOptions {
    @Option(names = "--http-host", description = "Address of the HTTP API (env ECRM_HTTP_HOST; default 127.0.0.1).")
    String httpHost;

    @Option(names = "--http-port", description = "Port of the HTTP API (env ECRM_HTTP_PORT; default 7070).")
    Integer httpPort;

    @Option(names = "--application-server", description = "host:port at which the other instances reach this one's "
            + "HTTP API, to forward a visitor's requests to the instance holding the visitor (env ECRM_APPLICATION_SERVER; "
            + "default: --http-host:--http-port, the machine's name when the host is 0.0.0.0).")
    String applicationServer;

    @Option(names = "--bootstrap-servers", description = "An external Kafka cluster (host:port,...) instead of the "
            + "embedded broker (env ECRM_BOOTSTRAP_SERVERS).")
    String bootstrapServers;

    @Option(names = "--kafka-port", description = "Port of the embedded broker (env ECRM_KAFKA_PORT; default 9092).")
    Integer kafkaPort;

    @Option(names = "--controller-port", description = "KRaft controller port of the embedded broker "
            + "(env ECRM_CONTROLLER_PORT; default 9093).")
    Integer controllerPort;

    @Option(names = "--data-dir", description = "Where the broker log and the state stores live (env ECRM_DATA_DIR; "
            + "default ./ecrm-data).")
    Path dataDir;

    @Option(names = "--tenant", split = ",", description = "Tenants to serve, the first being the default "
            + "(env ECRM_TENANTS, comma-separated; default demo).")
    List<String> tenants;

    @Option(names = "--instance-id", description = "Stable name of this instance (env ECRM_INSTANCE_ID; default ecrm-1).")
    String instanceId;

    @Option(names = "--partitions", description = "Partitions of each new tenant topic: the most instances a tenant "
            + "can scale out to (env ECRM_PARTITIONS; default 4).")
    Integer partitions;

    @Option(names = "--standby-replicas", description = "Warm copies of each tenant's visitor state on other instances, "
            + "so that another instance takes over at once when one stops (env ECRM_STANDBY_REPLICAS; default 0).")
    Integer standbyReplicas;

    @Option(names = "--replication-factor", description = "Copies of each partition of the topics the engine creates "
            + "(tenant topics, changelogs); existing topics keep theirs and /health warns when they have fewer "
            + "(env ECRM_REPLICATION_FACTOR; default: min(3, brokers in the cluster), so 1 on the embedded broker).")
    Short replicationFactor;

    @Option(names = "--min-insync-replicas", description = "Copies that must have a write before it is acknowledged, "
            + "on the topics the engine creates (env ECRM_MIN_INSYNC_REPLICAS; default: the replication factor less one, "
            + "at most 2, at least 1).")
    Integer minInsyncReplicas;

    @Option(names = "--max-batch-events", description = "Most events in one POST /v1/events (env ECRM_MAX_BATCH_EVENTS; "
            + "default 10000).")
    Integer maxBatchEvents;

    @Option(names = "--max-body-bytes", description = "Largest request body (env ECRM_MAX_BODY_BYTES; default 10485760).")
    Long maxBodyBytes;

    @Option(names = "--max-count", description = "Largest count a query may ask for (env ECRM_MAX_COUNT; default 1000).")
    Integer maxCount;

    @Option(names = "--max-id-length", description = "Longest id in a path or an event, at most 128 "
            + "(env ECRM_MAX_ID_LENGTH; default 128).")
    Integer maxIdLength;

    @Option(names = "--max-query-chars", description = "Longest query string of a request (env ECRM_MAX_QUERY_CHARS; "
            + "default 8192).")
    Integer maxQueryChars;

    @Option(names = "--allowed-origins", split = ",", description = "Browser origins allowed to send events to "
            + "/v1/collect, comma-separated; * allows any (env ECRM_ALLOWED_ORIGINS; default *).")
    List<String> allowedOrigins;

    @Option(names = "--tune-every", description = "How old a tenant's last fit of its ranking settings may get before "
            + "the engine fits them again on its own visits, as 30m, 24h, 7d or 2w; 0 fits on request only "
            + "(env ECRM_TUNE_EVERY; default 24h).")
    String tuneEvery;

    @Option(names = "--fits-to", description = "What a fit that beats the settings in use does: apply (use its "
            + "settings at once) or experiment (start an A/B experiment of them against the current ones, half the "
            + "visitors each, for you to promote) (env ECRM_FITS_TO; default apply).")
    String fitsTo;

    private final Map<String, String> env;

    public EngineOptions() {
        this(System.getenv());
    }

    EngineOptions(Map<String, String> env) {
        this.env = env;
    }

    private <T> T pick(T flag, String envName, Function<String, T> parse, T fallback) {
        if (flag != null) {
            return flag;
        }
        String value = env.get(envName);
        return value == null || value.isBlank() ? fallback : parse.apply(value.trim());
    }

    public EngineSettings toSettings() {
        EngineSettings d = EngineSettings.DEFAULTS;
        List<String> named = pick(tenants, "ECRM_TENANTS", v -> Arrays.asList(v.split(",")), null);
        List<TenantId> tenantIds = named == null ? d.tenants() : named.stream().map(String::trim).map(TenantId::new).toList();
        StreamsSettings streams = d.streams()
                .withPartitions(pick(partitions, "ECRM_PARTITIONS", Integer::valueOf, d.streams().partitions()))
                .withStandbyReplicas(pick(standbyReplicas, "ECRM_STANDBY_REPLICAS", Integer::valueOf,
                        d.streams().standbyReplicas()))
                .withReplication(pick(replicationFactor, "ECRM_REPLICATION_FACTOR", Short::valueOf, d.streams().replicationFactor()),
                        pick(minInsyncReplicas, "ECRM_MIN_INSYNC_REPLICAS", Integer::valueOf, d.streams().minInsyncReplicas()));
        return new EngineSettings(
                pick(httpHost, "ECRM_HTTP_HOST", Function.identity(), d.httpHost()),
                pick(httpPort, "ECRM_HTTP_PORT", Integer::valueOf, d.httpPort()),
                pick(applicationServer, "ECRM_APPLICATION_SERVER", Function.identity(), d.applicationServer()),
                pick(bootstrapServers, "ECRM_BOOTSTRAP_SERVERS", Function.identity(), d.bootstrapServers()),
                pick(kafkaPort, "ECRM_KAFKA_PORT", Integer::valueOf, d.kafkaPort()),
                pick(controllerPort, "ECRM_CONTROLLER_PORT", Integer::valueOf, d.controllerPort()),
                pick(dataDir, "ECRM_DATA_DIR", Path::of, d.dataDir()),
                tenantIds,
                pick(instanceId, "ECRM_INSTANCE_ID", Function.identity(), d.instanceId()),
                pick(maxBatchEvents, "ECRM_MAX_BATCH_EVENTS", Integer::valueOf, d.maxBatchEvents()),
                pick(maxBodyBytes, "ECRM_MAX_BODY_BYTES", Long::valueOf, d.maxBodyBytes()),
                pick(maxCount, "ECRM_MAX_COUNT", Integer::valueOf, d.maxCount()),
                pick(maxIdLength, "ECRM_MAX_ID_LENGTH", Integer::valueOf, d.maxIdLength()),
                pick(maxQueryChars, "ECRM_MAX_QUERY_CHARS", Integer::valueOf, d.maxQueryChars()),
                pick(allowedOrigins, "ECRM_ALLOWED_ORIGINS", v -> Arrays.asList(v.split(",")), d.allowedOrigins()),
                streams, d.recommender(),
                tuneEvery == null ? pick(null, "ECRM_TUNE_EVERY", EngineOptions::durationMillis, d.tuneEveryMillis())
                        : durationMillis(tuneEvery),
                fitsToExperiment(pick(fitsTo, "ECRM_FITS_TO", Function.identity(), "apply")));
    }

    private static boolean fitsToExperiment(String value) {
        return switch (value.trim()) {
            case "apply" -> false;
            case "experiment" -> true;
            default -> throw new IllegalArgumentException("--fits-to must be apply or experiment, not '" + value + "'");
        };
    }

    /** A duration as segment rules write one ({@link Durations}: 30m, 24h, 7d, 2w), or 0 for none. */
    static long durationMillis(String text) {
        String trimmed = text.trim();
        if (trimmed.equals("0")) {
            return 0;
        }
        return Durations.millis(trimmed).orElseThrow(() -> new IllegalArgumentException(
                "'" + text + "' is no duration: write it as 30m, 24h, 7d or 2w (0 for none)"));
    }
}
