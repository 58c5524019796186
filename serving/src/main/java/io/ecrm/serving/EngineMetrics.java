package io.ecrm.serving;

import io.ecrm.schemas.TenantId;
import io.ecrm.serving.model.FitRecord;
import io.ecrm.serving.stats.TenantStats;
import io.ecrm.streams.cleaning.CleaningMetrics;
import io.ecrm.streams.earnings.Earnings;
import io.ecrm.streams.cleaning.RejectReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The engine's metrics, scraped in Prometheus text format at {@code GET /metrics}:
 * <ul>
 *   <li>{@code ecrm_http_requests_seconds{method,route,status}}: a histogram of request latency
 *       per route template ({@code /v1/customers/{id}}, never a raw path) and status;</li>
 *   <li>{@code ecrm_events_received_total{tenant}} and {@code ecrm_events_refused_total{tenant,reason}}:
 *       events the API put on Kafka, and events it refused ({@code invalid}, {@code batch_too_large},
 *       {@code log_unavailable});</li>
 *   <li>{@code ecrm_events_clean_total{tenant}} and {@code ecrm_events_rejected_total{tenant,reason}}:
 *       what the cleaning stage let through and refused;</li>
 *   <li>{@code ecrm_recommendation_impressions_total}, {@code _clicks_total}, {@code _cart_adds_total},
 *       {@code _purchases_total} and {@code _revenue_total}, each {@code {tenant,placement}}: what recommendations
 *       were shown and earned, counted as the visitor side adds it up at each commit (the first
 *       {@value #PLACEMENTS_COUNTED} placements of a tenant by name, the rest as {@code other});</li>
 *   <li>{@code ecrm_quota_refused_total{tenant,quota}}: requests refused with a 429 for being over the
 *       tenant's {@code requests} or {@code events} quota;</li>
 *   <li>{@code ecrm_streams_lag_records{tenant}}: records on the tenant's input partitions this
 *       instance owns that its Streams application has not processed yet;</li>
 *   <li>{@code ecrm_forwarded_requests_total{outcome}}: visitor requests sent on to the instance
 *       holding the visitor ({@code relayed}, {@code not_held}, {@code unreachable}, {@code unavailable}: it answered 503);</li>
 *   <li>{@code ecrm_model_validation_hr20{tenant}} and {@code ecrm_model_validation_mrr20{tenant}}: validation
 *       figures of the serving settings in use, from the tenant's latest fit (NaN before its first), and
 *       {@code ecrm_model_fits_total{tenant,outcome}}: fits this instance ran ({@code applied}, {@code kept}, {@code failed});</li>
 *   <li>JVM memory, GC, threads, class loading, CPU and uptime (Micrometer's JVM binders).</li>
 * </ul>
 */
public final class EngineMetrics implements AutoCloseable {
    /** Latency buckets of the request histogram, from a cache hit to a slow forwarded request. */
    private static final Duration[] LATENCY_BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5),
        Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5)};

    /** Placements per tenant with counters of their own: a label's values stay few whatever shops send. */
    static final int PLACEMENTS_COUNTED = 20;

    /** How often each tenant's Streams lag is sampled into its per-minute series. */
    private static final int LAG_SAMPLE_SECONDS = 5;

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<String, TenantStats> stats = new ConcurrentHashMap<>();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "ecrm-stats-sampler");
        thread.setDaemon(true);
        return thread;
    });
    private final JvmGcMetrics gc = new JvmGcMetrics();

    public EngineMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    public String scrape() {
        return registry.scrape();
    }

    /**
     * One HTTP request answered; {@code route} is the route template, or {@code unmatched};
     * {@code tenant} the caller's (null before a key is checked), whose per-minute series count it too.
     */
    public void request(TenantId tenant, String method, String route, int status, long nanos) {
        RouteTimers timers = requestTimers.computeIfAbsent(route, RouteTimers::new);
        if (tenant != null) {
            stats(tenant).request(timers.name(method), status, nanos, System.currentTimeMillis());
        }
        timers.of(method, status).record(nanos, TimeUnit.NANOSECONDS);
    }

    /**
     * A route template's timers by method and status, and its name in the per-minute stats
     * ({@code "GET /v1/..."}): found once, not built per request (Micrometer's builder sorts tags
     * and looks the meter up on every call).
     */
    private final class RouteTimers {
        private final String route;
        private final Map<String, String> names = new ConcurrentHashMap<>();
        private final Map<String, Timer[]> byMethod = new ConcurrentHashMap<>(); // by status - 100

        RouteTimers(String route) {
            this.route = route;
        }

        String name(String method) {
            return names.computeIfAbsent(method, m -> m + " " + route);
        }

        Timer of(String method, int status) {
            if (status < 100 || status >= 600) {
                return register(method, status);
            }
            Timer[] timers = byMethod.computeIfAbsent(method, m -> new Timer[500]);
            Timer timer = timers[status - 100];
            if (timer == null) { // two threads may both get here: the registry gives both the same timer
                timer = register(method, status);
                timers[status - 100] = timer;
            }
            return timer;
        }

        private Timer register(String method, int status) {
            return Timer.builder("ecrm.http.requests").description("HTTP requests by route template and status")
                    .tag("method", method).tag("route", route).tag("status", Integer.toString(status))
                    .serviceLevelObjectives(LATENCY_BUCKETS).register(registry);
        }
    }

    private final Map<String, RouteTimers> requestTimers = new ConcurrentHashMap<>();

    /** Events the API put on the tenant's events topic. */
    public void eventsReceived(TenantId tenant, int events) {
        stats(tenant).eventsAccepted(events, System.currentTimeMillis());
        Counter.builder("ecrm.events.received").description("events the API put on Kafka")
                .tag("tenant", tenant.value()).register(registry).increment(events);
    }

    /** Events the API refused before Kafka, counted whole batches at a time: a refused batch is refused whole. */
    public void eventsRefused(TenantId tenant, String reason, int events) {
        stats(tenant).eventsRefused(reason, events, System.currentTimeMillis());
        Counter.builder("ecrm.events.refused").description("events the API refused, by reason")
                .tag("tenant", tenant.value()).tag("reason", reason).register(registry).increment(events);
    }

    /** A request (or batch of events) refused for being over the tenant's quota: {@code requests} or {@code events}. */
    public void quotaRefused(TenantId tenant, String quota) {
        stats(tenant).quotaRefused(quota, System.currentTimeMillis());
        Counter.builder("ecrm.quota.refused").description("requests refused with a 429 for being over the tenant's quota")
                .tag("tenant", tenant.value()).tag("quota", quota).register(registry).increment();
    }

    /** A visitor request forwarded to the instance holding the visitor, by outcome. */
    public void forwarded(String outcome) {
        Counter.builder("ecrm.forwarded.requests").description("visitor requests forwarded to the instance holding the visitor")
                .tag("outcome", outcome).register(registry).increment();
    }

    /** Publishes the tenant's Streams consumer lag as {@code ecrm_streams_lag_records{tenant}}. */
    public void streamsLag(TenantId tenant, KafkaStreams streams) {
        TenantStats series = stats(tenant);
        sampler.scheduleWithFixedDelay(() -> {
            try {
                series.lag((long) lag(streams), System.currentTimeMillis());
            } catch (RuntimeException e) {
                // a sample missed (the client closing, say); a task that threw would never run again
            }
        }, 0, LAG_SAMPLE_SECONDS, TimeUnit.SECONDS);
        Gauge.builder("ecrm.streams.lag", streams, EngineMetrics::lag).baseUnit("records")
                .description("records not yet processed on the input partitions this instance owns")
                .tag("tenant", tenant.value()).register(registry);
    }

    /** The sum of the stream threads' consumer lag over their assigned partitions (restore and global consumers left out). */
    public static double lag(KafkaStreams streams) {
        double lag = 0;
        for (Map.Entry<MetricName, ? extends Metric> metric : streams.metrics().entrySet()) {
            MetricName name = metric.getKey();
            String client = name.tags().getOrDefault("client-id", "");
            if (name.name().equals("records-lag") && name.group().equals("consumer-fetch-manager-metrics")
                    && name.tags().containsKey("partition") && client.endsWith("-consumer")
                    && !client.endsWith("-restore-consumer") && !client.endsWith("-global-consumer")
                    && metric.getValue().metricValue() instanceof Double value && Double.isFinite(value)) {
                lag += value;
            }
        }
        return lag;
    }

    /** Publishes the validation figures of the tenant's settings in use; {@code inUse} answers null before a first fit. */
    public void model(TenantId tenant, Supplier<FitRecord.Score> inUse) {
        Gauge.builder("ecrm.model.validation.hr20", inUse, s -> s.get() == null ? Double.NaN : s.get().hr20())
                .description("validation HR@20 of the serving settings in use, from the latest fit")
                .tag("tenant", tenant.value()).strongReference(true).register(registry);
        Gauge.builder("ecrm.model.validation.mrr20", inUse, s -> s.get() == null ? Double.NaN : s.get().mrr20())
                .description("validation MRR@20 of the serving settings in use, from the latest fit")
                .tag("tenant", tenant.value()).strongReference(true).register(registry);
    }

    /** One fit of the tenant's serving settings ended: {@code applied}, {@code kept} (nothing beat them) or {@code failed}. */
    public void fit(TenantId tenant, String outcome) {
        Counter.builder("ecrm.model.fits").description("fits of the serving settings this instance ran, by outcome")
                .tag("tenant", tenant.value()).tag("outcome", outcome).register(registry).increment();
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
        TenantStats series = stats(tenant);
        return new CleaningMetrics() {
            @Override
            public void accepted() {
                series.eventClean(System.currentTimeMillis());
                clean.increment();
            }

            @Override
            public void rejected(RejectReason reason) {
                series.eventRejected(reason.code(), System.currentTimeMillis());
                rejected.get(reason).increment();
            }

            @Override
            public void earned(String placement, Earnings earned) {
                placementCounters(tenant, placement).add(earned);
            }
        };
    }

    /** The five earnings counters of one placement. */
    private record EarningsCounters(Counter impressions, Counter clicks, Counter cartAdds, Counter purchases, Counter revenue) {
        void add(Earnings earned) {
            impressions.increment(earned.impressions());
            clicks.increment(earned.clicks());
            cartAdds.increment(earned.cartAdds());
            purchases.increment(earned.purchases());
            revenue.increment(earned.revenue());
        }
    }

    private final Map<String, Map<String, EarningsCounters>> earnings = new ConcurrentHashMap<>();

    private EarningsCounters placementCounters(TenantId tenant, String placement) {
        Map<String, EarningsCounters> placements = earnings.computeIfAbsent(tenant.value(), t -> new ConcurrentHashMap<>());
        EarningsCounters counters = placements.get(placement);
        if (counters != null) {
            return counters;
        }
        String label = placements.size() < PLACEMENTS_COUNTED ? placement : "other";
        return placements.computeIfAbsent(label, p -> new EarningsCounters(
                earningsCounter("impressions", "recommendation lists shown", tenant, p),
                earningsCounter("clicks", "clicks on recommended items", tenant, p),
                earningsCounter("cart.adds", "cart adds attributed to a recommendation click", tenant, p),
                earningsCounter("purchases", "purchases attributed to a recommendation click", tenant, p),
                earningsCounter("revenue", "revenue of the purchases attributed to a recommendation click", tenant, p)));
    }

    private Counter earningsCounter(String name, String description, TenantId tenant, String placement) {
        return Counter.builder("ecrm.recommendation." + name).description(description)
                .tag("tenant", tenant.value()).tag("placement", placement).register(registry);
    }

    /** The tenant's per-minute series over the last hour ({@code GET /v1/stats}). */
    public TenantStats stats(TenantId tenant) {
        return stats.computeIfAbsent(tenant.value(), t -> new TenantStats());
    }

    @Override
    public void close() {
        sampler.shutdownNow();
        gc.close();
        registry.close();
    }
}
