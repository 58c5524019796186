package io.ecrm.serving.http.routes;

import io.ecrm.serving.EngineMetrics;
import io.ecrm.serving.TenantEngine;
import io.ecrm.serving.Tenants;
import io.ecrm.serving.http.RequestParams;
import io.ecrm.serving.kafka.BrokerProbe;
import io.ecrm.serving.stats.TenantStats;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /v1/stats?minutes=60}: the caller's tenant as this instance sees it now, for the
 * console's overview: whether the Kafka cluster answers, the tenant's Streams state and lag, and
 * per-minute series of the last {@code minutes} minutes (1 to 60, default 60; oldest first, the
 * current minute so far last): events accepted and refused by the API, passed and rejected by
 * cleaning (by reason), the largest lag sampled, and each route's requests, 4xx, 5xx, p50 and p99.
 * The series are this instance's and are kept in memory ({@link TenantStats}).
 */
public final class Stats implements Handler {
    /** The answer. */
    public record Answer(String tenant, String instance, String at, boolean brokerReachable, String streams, long lag,
                         List<TenantStats.Minute> minutes) {
    }

    private final Tenants tenants;
    private final EngineMetrics metrics;
    private final BrokerProbe probe;
    private final String instance;

    public Stats(Tenants tenants, EngineMetrics metrics, BrokerProbe probe, String instance) {
        this.tenants = tenants;
        this.metrics = metrics;
        this.probe = probe;
        this.instance = instance;
    }

    @Override
    public void handle(Context ctx) {
        TenantEngine tenant = RequestParams.tenant(ctx, tenants);
        int minutes = RequestParams.wholeNumber(ctx, "minutes", TenantStats.MINUTES, TenantStats.MINUTES);
        long now = System.currentTimeMillis();
        ctx.json(new Answer(tenant.topics().tenant().value(), instance, Instant.ofEpochMilli(now).toString(), probe.reachable(),
                tenant.streams().state().name(), (long) EngineMetrics.lag(tenant.streams().kafkaStreams()),
                metrics.stats(tenant.topics().tenant()).last(minutes, now)));
    }
}
