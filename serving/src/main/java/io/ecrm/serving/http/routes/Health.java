package io.ecrm.serving.http.routes;

import io.ecrm.serving.TenantEngine;
import io.ecrm.serving.Tenants;
import io.ecrm.serving.kafka.BrokerProbe;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.KafkaStreams;

/**
 * {@code GET /health}: 200 {@code "UP"} while the broker answers and every tenant's Streams
 * application is running or rebalancing; 503 {@code "DOWN"} otherwise. The body names the broker
 * and each tenant's Streams state, so an operator sees which part is down.
 */
public final class Health implements Handler {
    /** The answer. */
    public record Answer(String status, Broker broker, Map<String, String> tenants) {
    }

    /** What the probe found of the broker. */
    public record Broker(String bootstrapServers, boolean reachable) {
    }

    private final Tenants tenants;
    private final BrokerProbe probe;
    private final String bootstrapServers;

    public Health(Tenants tenants, BrokerProbe probe, String bootstrapServers) {
        this.tenants = tenants;
        this.probe = probe;
        this.bootstrapServers = bootstrapServers;
    }

    @Override
    public void handle(Context ctx) {
        boolean reachable = probe.reachable();
        Map<String, String> states = new TreeMap<>();
        boolean running = true;
        for (TenantEngine engine : tenants.engines()) {
            KafkaStreams.State state = engine.streams().state();
            states.put(engine.topics().tenant().value(), state.name());
            running &= state.isRunningOrRebalancing();
        }
        boolean up = reachable && running;
        ctx.status(up ? 200 : 503).json(new Answer(up ? "UP" : "DOWN", new Broker(bootstrapServers, reachable), states));
    }
}
