package io.ecrm.serving.http;

import io.ecrm.schemas.TenantId;
import io.ecrm.serving.EngineMetrics;
import io.ecrm.serving.tenants.Quota;
import io.ecrm.serving.tenants.TenantRecord;
import io.ecrm.serving.tenants.TenantRegistry;
import io.ecrm.serving.tenants.TokenBucket;
import io.javalin.http.Context;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Holds each tenant to its {@link Quota}: keyed requests a second and events a second, each a
 * {@link TokenBucket}. Past it, a 429 problem with {@code Retry-After} (whole seconds until the
 * tokens are back) and a count in {@code ecrm_quota_refused_total{tenant,quota}}. Quotas are read
 * from the tenants file as it is now, so a changed quota applies within a second.
 */
public final class QuotaGuard {
    private final TenantRegistry registry;
    private final EngineMetrics metrics;
    private final Map<String, TokenBucket> requests = new ConcurrentHashMap<>();
    private final Map<String, TokenBucket> events = new ConcurrentHashMap<>();

    public QuotaGuard(TenantRegistry registry, EngineMetrics metrics) {
        this.registry = registry;
        this.metrics = metrics;
    }

    /** Why a request was refused: the quota, its rate, and whole seconds until the tokens are back. */
    public record Refusal(TenantId tenant, String quota, double limitPerSecond, long retryAfterSeconds, String unit) {
        String detail() {
            // not String.format: a refusal should cost less than the request it refuses
            String limit = limitPerSecond == Math.rint(limitPerSecond) ? Long.toString((long) limitPerSecond)
                    : Double.toString(limitPerSecond);
            return "tenant " + tenant.value() + " is over its quota of " + limit + " " + unit + "; send again in "
                    + retryAfterSeconds + " s";
        }

        Map<String, Object> extensions() {
            return Map.of("quota", quota, "limitPerSecond", limitPerSecond);
        }

        ApiProblem problem() {
            return new ApiProblem(ApiProblem.Type.TOO_MANY_REQUESTS, detail(), java.util.List.of(), extensions());
        }
    }

    /** Counts one keyed request of the tenant; the refusal when it is over its quota, else null. */
    public Refusal request(TenantId tenant) {
        return take(tenant, "requests", requests, 1, quota(tenant).requestsPerSecond(), "requests a second");
    }

    /** Counts {@code count} events of the tenant, or refuses them all. */
    public void events(Context ctx, TenantId tenant, int count) {
        Refusal refusal = take(tenant, "events", events, count, quota(tenant).eventsPerSecond(), "events a second");
        if (refusal != null) {
            ctx.header("Retry-After", Long.toString(refusal.retryAfterSeconds()));
            throw refusal.problem();
        }
    }

    private Quota quota(TenantId tenant) {
        return registry.find(tenant.value()).map(TenantRecord::quota).orElse(Quota.DEFAULTS);
    }

    private Refusal take(TenantId tenant, String kind, Map<String, TokenBucket> buckets, int cost, double rate, String unit) {
        if (rate <= 0) {
            return null; // no limit
        }
        long waitNanos = buckets.computeIfAbsent(tenant.value(), t -> new TokenBucket())
                .take(cost, rate, Quota.BURST_SECONDS, System.nanoTime());
        if (waitNanos <= 0) {
            return null;
        }
        metrics.quotaRefused(tenant, kind);
        return new Refusal(tenant, kind, rate, Math.max(1, (long) Math.ceil(waitNanos / 1e9)), unit);
    }
}
