package io.ecrm.serving;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecrm.ingest.EventPublisher;
import io.ecrm.recommender.tuning.FitSettings;
import io.ecrm.schemas.TenantId;
import io.ecrm.schemas.TenantTopics;
import io.ecrm.serving.http.ApiKeyAuth;
import io.ecrm.serving.http.ApiV1;
import io.ecrm.serving.http.CorsPolicy;
import io.ecrm.serving.http.HttpApi;
import io.ecrm.serving.http.routes.Audience;
import io.ecrm.serving.http.routes.Audit;
import io.ecrm.serving.http.routes.Catalog;
import io.ecrm.serving.http.AuditTrail;
import io.ecrm.serving.http.OtherInstances;
import io.ecrm.serving.http.QuotaGate;
import io.ecrm.serving.http.QuotaGuard;
import io.ecrm.serving.http.VisitorRouter;
import io.ecrm.serving.http.routes.Collect;
import io.ecrm.serving.http.routes.Console;
import io.ecrm.serving.http.routes.CustomerSegments;
import io.ecrm.serving.http.routes.Customers;
import io.ecrm.serving.http.routes.Events;
import io.ecrm.serving.http.routes.Experiments;
import io.ecrm.serving.http.routes.Exports;
import io.ecrm.serving.http.routes.Health;
import io.ecrm.serving.http.routes.Metrics;
import io.ecrm.serving.http.routes.Model;
import io.ecrm.serving.http.routes.OpenApi;
import io.ecrm.serving.http.routes.Pixel;
import io.ecrm.serving.http.routes.PopularItems;
import io.ecrm.serving.http.routes.RecommendationReport;
import io.ecrm.serving.http.routes.Recommendations;
import io.ecrm.serving.http.routes.SegmentExports;
import io.ecrm.serving.http.routes.Segments;
import io.ecrm.serving.http.routes.SimilarItems;
import io.ecrm.serving.http.routes.Stats;
import io.ecrm.serving.http.routes.TrackerScript;
import io.ecrm.serving.http.routes.TrendingItems;
import io.ecrm.serving.kafka.BrokerProbe;
import io.ecrm.serving.kafka.EmbeddedKafka;
import io.ecrm.serving.kafka.KeyOwners;
import io.ecrm.serving.kafka.ReplicationWatch;
import io.ecrm.serving.model.ModelTopic;
import io.ecrm.serving.model.ModelTuning;
import io.ecrm.serving.segments.ExportJobs;
import io.ecrm.serving.segments.SegmentRegistry;
import io.ecrm.serving.tenants.TenantRegistry;
import io.ecrm.streams.SessionIndexFeed;
import io.ecrm.streams.StreamsSettings;
import io.ecrm.streams.TenantStreams;
import io.ecrm.streams.segments.SegmentSettings;
import io.javalin.Javalin;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running engine: the embedded broker (unless an external cluster is configured), each
 * tenant's Streams application, the event publisher and the HTTP API, started in that order and
 * closed in the reverse order.
 */
public final class Engine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);

    /** The longest {@link #close} takes; {@code ecrm run} exits within it after SIGTERM or SIGINT. */
    public static final Duration SHUTDOWN_BOUND = Duration.ofSeconds(30);

    // the bound of a client's own close: its pending requests fail after it rather than waiting out their timeouts
    private static final Duration PART_CLOSE = Duration.ofSeconds(5);

    private final EngineSettings settings;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final Tenants tenants = new Tenants();
    private String bootstrapServers;
    private EventPublisher publisher;
    private Admin admin;
    private Javalin http;
    private TenantRegistry registry;

    private Engine(EngineSettings settings) {
        this.settings = settings;
    }

    /** Starts every part; if one fails, the parts already started are closed again. */
    public static Engine start(EngineSettings settings) throws Exception {
        Engine engine = new Engine(settings);
        try {
            engine.startParts();
            return engine;
        } catch (Exception | Error e) {
            engine.close();
            throw e;
        }
    }

    private void startParts() throws Exception {
        if (settings.embeddedKafka()) {
            EmbeddedKafka kafka = new EmbeddedKafka(settings.kafkaDir(), settings.kafkaPort(), settings.controllerPort());
            started.push(kafka);
            kafka.start();
            bootstrapServers = kafka.bootstrapServers();
            LOG.info("embedded Kafka broker (KRaft) on {}, log in {}", bootstrapServers, settings.kafkaDir());
        } else {
            bootstrapServers = settings.bootstrapServers();
        }
        registry = TenantRegistry.open(settings.tenantsFile());
        Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
        this.admin = admin;
        started.push(() -> admin.close(PART_CLOSE)); // pending calls fail at once rather than wait out their timeouts
        StreamsSettings streamsSettings = settings.streams().forCluster(brokerCount(admin));
        LOG.info("tenant topics: replication factor {}, min in-sync replicas {}", streamsSettings.replicationFactor(),
                streamsSettings.minInsyncReplicas());
        EngineMetrics metrics = new EngineMetrics();
        started.push(metrics);
        KeyOwners owners = new KeyOwners(settings.advertisedServer());
        ModelTuning tuning = new ModelTuning(bootstrapServers, FitSettings.DEFAULTS, settings.tuneEveryMillis(), settings.fitsToExperiment(),
                owners, metrics);
        started.push(tuning);
        for (TenantId tenant : settings.tenants()) {
            TenantTopics topics = new TenantTopics(tenant);
            TenantStreams.createTopics(admin, topics, streamsSettings);
            TenantStreams streams = new TenantStreams(topics, bootstrapServers, settings.stateDir(),
                    settings.instanceId(), settings.advertisedServer(), settings.recommender(), streamsSettings,
                    metrics.cleaning(tenant));
            started.push(streams);
            metrics.streamsLag(tenant, streams.kafkaStreams());
            streams.start();
            SessionIndexFeed sessions = new SessionIndexFeed(bootstrapServers, topics, settings.recommender().sessionKnn());
            started.push(sessions);
            sessions.start();
            TenantEngine engine = new TenantEngine(streams, settings.recommender(), sessions, settings.streams().sessionGapMillis());
            ModelTopic model = new ModelTopic(bootstrapServers, topics, engine::serve);
            started.push(model);
            model.start();
            tuning.add(engine, model, sessions);
            tenants.add(tenant, engine);
        }
        tuning.start();
        publisher = new EventPublisher(bootstrapServers, Events.PUBLISH_TIMEOUT);
        EventPublisher publishing = publisher;
        started.push(() -> publishing.close(PART_CLOSE));
        BrokerProbe probe = new BrokerProbe(admin);
        started.push(probe);
        ReplicationWatch replication = new ReplicationWatch(admin,
                settings.tenants().stream().map(TenantTopics::new).toList(), streamsSettings);
        started.push(replication);

        ObjectMapper json = HttpApi.objectMapper();
        SegmentRegistry segments = new SegmentRegistry(settings.dataDir(), SegmentSettings.DEFAULTS);
        ExportJobs exports = new ExportJobs(settings.dataDir());
        started.push(exports);
        QuotaGuard quotas = new QuotaGuard(registry, metrics);
        AuditTrail trail = new AuditTrail(publisher);
        registry.onReload(trail::fileChanged);
        Events events = new Events(tenants, publisher, probe::reachable, json, settings.maxBatchEvents(), settings.maxIdLength(),
                metrics, quotas);
        VisitorRouter router = new VisitorRouter(owners, metrics);
        OtherInstances others = new OtherInstances(owners, json);
        ApiV1 routes = new ApiV1(
                new ApiKeyAuth(),
                events,
                new Catalog(tenants, publisher, json, settings.maxBatchEvents()),
                new Collect(events, json),
                new Pixel(events, json),
                new TrackerScript(),
                new CorsPolicy(settings.allowedOrigins(), registry),
                new Customers(tenants, publisher, router),
                new Recommendations(tenants, settings.maxCount(), router, json),
                new SimilarItems(tenants, settings.maxCount()),
                new PopularItems(tenants, settings.maxCount()),
                new TrendingItems(tenants, settings.maxCount()),
                new Audience(tenants, others, settings.maxCount()),
                new Health(tenants, probe, replication, bootstrapServers),
                new Metrics(metrics),
                new OpenApi(),
                new Segments(tenants, segments, json),
                new CustomerSegments(tenants, segments, router),
                new SegmentExports(tenants, segments, exports, json),
                new Exports(tenants, exports),
                new Model(tenants, tuning),
                new RecommendationReport(tenants, others),
                new Experiments(tenants, tuning, others, json),
                trail,
                new Audit(tenants, bootstrapServers),
                new Stats(tenants, metrics, probe, settings.instanceId()),
                new Console());
        http = HttpApi.create(routes, new QuotaGate(registry, quotas, json), json, settings, metrics);
        started.push(http::stop);
        http.start(settings.httpHost(), settings.httpPort());
    }

    private static int brokerCount(Admin admin) throws Exception {
        return admin.describeCluster().nodes().get(60, TimeUnit.SECONDS).size();
    }

    public int httpPort() {
        return http.port();
    }

    public String baseUrl() {
        return "http://" + settings.httpHost() + ":" + httpPort();
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public Tenants tenants() {
        return tenants;
    }

    public EventPublisher publisher() {
        return publisher;
    }

    public TenantRegistry registry() {
        return registry;
    }

    public Admin admin() {
        return admin;
    }

    /**
     * Closes every part, newest first, within {@link #SHUTDOWN_BOUND} whatever the broker's state:
     * the parts close on a thread of their own, each with a bound of its own, and if the broker
     * is gone and they still have not finished when the bound is up, the engine stops waiting.
     * Nothing is lost by that: what was processed but not committed is aborted by the broker and
     * done again, exactly once, at the next start, and an event is acknowledged only once written.
     */
    @Override
    public void close() {
        long start = System.nanoTime();
        Thread closer = new Thread(this::closeParts, "ecrm-close");
        closer.setDaemon(true);
        closer.start();
        try {
            closer.join(SHUTDOWN_BOUND.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (closer.isAlive()) {
            LOG.warn("parts still closing after {} s (is the Kafka cluster gone?); stopping without them: work not committed "
                    + "is done again at the next start", SHUTDOWN_BOUND.toSeconds());
        } else {
            LOG.info("closed in {} ms", (System.nanoTime() - start) / 1_000_000);
        }
    }

    private void closeParts() {
        while (true) {
            AutoCloseable part;
            synchronized (started) {
                if (started.isEmpty()) {
                    return;
                }
                part = started.pop();
            }
            try {
                part.close();
            } catch (Exception e) {
                LOG.warn("error while stopping {}", part, e);
            }
        }
    }
}
