package io.ecrm.serving;

import io.ecrm.schemas.TenantId;
import io.ecrm.streams.cleaning.CleaningMetrics;
import io.ecrm.streams.cleaning.RejectReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.EnumMap;
import java.util.Map;

/** The engine's metrics, scraped in Prometheus text format at {@code GET /metrics}. */
public final class EngineMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    public String scrape() {
        return registry.scrape();
    }

    /** Counts of the tenant's cleaning stage: {@code ecrm_events_clean_total} and {@code ecrm_events_rejected_total{reason}}. */
    public CleaningMetrics cleaning(TenantId tenant) {
        Counter clean = Counter.builder("ecrm.events.clean").description("events that passed cleaning")
                .tag("tenant", tenant.value()).register(registry);
        Map<RejectReason, Counter> rejected = new EnumMap<>(RejectReason.class);
        for (RejectReason reason : RejectReason.values()) {
            rejected.put(reason, Counter.builder("ecrm.events.rejected").description("events refused by cleaning, by reason")
                    .tag("tenant", tenant.value()).tag("reason", reason.code()).register(registry));
        }
        return new CleaningMetrics() {
            @Override
            public void accepted() {
                clean.increment();
            }

            @Override
            public void rejected(RejectReason reason) {
                rejected.get(reason).increment();
            }
        };
    }
}
