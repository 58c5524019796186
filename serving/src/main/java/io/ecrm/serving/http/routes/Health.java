package io.ecrm.serving.http.routes;

import io.ecrm.serving.TenantEngine;
import io.ecrm.serving.Tenants;
import io.ecrm.serving.http.ApiProblem;
import io.ecrm.serving.kafka.BrokerProbe;
import io.ecrm.serving.kafka.ReplicationWatch;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import io.ecrm.streams.StreamsSettings;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Health for orchestrators and load balancers; no API key needed.
 * <ul>
 *   <li>{@code GET /health/live} ({@link #live}): 200 {@code "UP"} whenever the process serves
 *       HTTP at all; a failing liveness probe means restart the process.</li>
 *   <li>{@code GET /health/ready} ({@link #ready}), and {@code GET /health} the same: 200
 *       {@code "UP"} when the broker answers and every tenant's Streams application is
 *       {@code RUNNING}; else 503 {@code "DOWN"}. A starting, restoring or rebalancing instance is
 *       not ready: the visitors it is taking over cannot be read on it yet. When down, the answer is
 *       a 503 problem whose detail says what is down, with the same {@code broker},
 *       {@code tenants} and {@code warnings} members as the 200 answer. {@code warnings} lists
 *       what works but is at risk ({@link ReplicationWatch}: topics with fewer copies than wanted,
 *       partitions with too few copies in sync); it does not make the instance unready.</li>
 * </ul>
 */
public final class Health {
    /** The answer. */
    public record Answer(String status, Broker broker, Map<String, String> tenants, List<String> warnings) {
    }

    /**
     * The cluster: whether the probe found it answering, and the replication the engine gives the
     * topics it creates (copies of each partition, copies a write needs).
     */
    public record Broker(String bootstrapServers, boolean reachable, int replicationFactor, int minInsyncReplicas) {
    }

    /** The liveness answer. */
    public record Liveness(String status) {
    }

    private final Tenants tenants;
    private final BrokerProbe probe;
    private final ReplicationWatch replication;
    private final String bootstrapServers;

    public Health(Tenants tenants, BrokerProbe probe, ReplicationWatch replication, String bootstrapServers) {
        this.tenants = tenants;
        this.probe = probe;
        this.replication = replication;
        this.bootstrapServers = bootstrapServers;
    }

    public void live(Context ctx) {
        ctx.json(new Liveness("UP"));
    }

    public void ready(Context ctx) {
        Map<String, KafkaStreams.State> states = new TreeMap<>();
        for (TenantEngine engine : tenants.engines()) {
            states.put(engine.topics().tenant().value(), engine.streams().state());
        }
        StreamsSettings wanted = replication.wanted();
        ctx.json(readiness(new Broker(bootstrapServers, probe.reachable(), wanted.replicationFactor(), wanted.minInsyncReplicas()),
                states, replication.warnings()));
    }

    /** The ready answer, or the 503 problem that names each part that is down. */
    static Answer readiness(Broker broker, Map<String, KafkaStreams.State> states, List<String> warnings) {
        Map<String, String> named = new TreeMap<>();
        states.forEach((tenant, state) -> named.put(tenant, state.name()));
        List<String> down = new ArrayList<>();
        if (!broker.reachable()) {
            down.add("the Kafka cluster at " + broker.bootstrapServers() + " does not answer");
        }
        named.forEach((tenant, state) -> {
            if (!state.equals(KafkaStreams.State.RUNNING.name())) {
                down.add("tenant " + tenant + " is " + state);
            }
        });
        if (states.isEmpty()) {
            down.add("no tenant is started");
        }
        if (down.isEmpty()) {
            return new Answer("UP", broker, named, warnings);
        }
        throw new ApiProblem(ApiProblem.Type.NOT_READY, "not ready: " + String.join("; ", down), List.of(),
                Map.of("status", "DOWN", "broker", broker, "tenants", named, "warnings", warnings));
    }
}
