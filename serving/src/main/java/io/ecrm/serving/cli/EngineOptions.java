package io.ecrm.serving.cli;

import io.ecrm.schemas.TenantId;
import io.ecrm.serving.EngineSettings;
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

    @Option(names = "--allowed-origins", split = ",", description = "Browser origins allowed to send events to "
            + "/v1/collect, comma-separated; * allows any (env ECRM_ALLOWED_ORIGINS; default *).")
    List<String> allowedOrigins;

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
        StreamsSettings streams = d.streams().withPartitions(
                pick(partitions, "ECRM_PARTITIONS", Integer::valueOf, d.streams().partitions()));
        return new EngineSettings(
                pick(httpHost, "ECRM_HTTP_HOST", Function.identity(), d.httpHost()),
                pick(httpPort, "ECRM_HTTP_PORT", Integer::valueOf, d.httpPort()),
                pick(bootstrapServers, "ECRM_BOOTSTRAP_SERVERS", Function.identity(), d.bootstrapServers()),
                pick(kafkaPort, "ECRM_KAFKA_PORT", Integer::valueOf, d.kafkaPort()),
                pick(controllerPort, "ECRM_CONTROLLER_PORT", Integer::valueOf, d.controllerPort()),
                pick(dataDir, "ECRM_DATA_DIR", Path::of, d.dataDir()),
                tenantIds,
                pick(instanceId, "ECRM_INSTANCE_ID", Function.identity(), d.instanceId()),
                d.maxBatchEvents(), d.maxBodyBytes(), d.maxCount(),
                pick(allowedOrigins, "ECRM_ALLOWED_ORIGINS", v -> Arrays.asList(v.split(",")), d.allowedOrigins()),
                streams, d.recommender());
    }
}
