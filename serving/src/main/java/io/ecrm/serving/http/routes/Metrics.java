package io.ecrm.serving.http.routes;

import io.ecrm.serving.EngineMetrics;
import io.javalin.http.Context;
import io.javalin.http.Handler;

/**
 * {@code GET /metrics}: the engine's metrics in Prometheus text format; {@link EngineMetrics} lists
 * them (requests by route template and status, events received, refused and rejected, Streams lag,
 * forwarded requests, JVM).
 */
public final class Metrics implements Handler {
    private final EngineMetrics metrics;

    public Metrics(EngineMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void handle(Context ctx) {
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape());
    }
}
