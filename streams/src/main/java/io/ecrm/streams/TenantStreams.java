package io.ecrm.streams;

import io.ecrm.recommender.ItemNeighbours;
import io.ecrm.recommender.RecommenderSettings;
import io.ecrm.recommender.VisitorHistory;
import io.ecrm.schemas.CatalogItem;
import io.ecrm.schemas.TenantTopics;
import io.ecrm.streams.cleaning.BotUserAgents;
import io.ecrm.streams.cleaning.CleaningMetrics;
import io.ecrm.streams.earnings.Earnings;
import io.ecrm.streams.earnings.EarningsKey;
import io.ecrm.streams.items.ItemActivity;
import io.ecrm.streams.profile.CustomerProfile;
import io.ecrm.streams.serde.StateSerdes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One tenant's Kafka Streams application on one instance: creates the tenant's topics, runs the
 * recommendation topology with exactly-once processing and RocksDB state under
 * {@code <stateRoot>/<tenant>}, and reads its stores.
 */
public final class TenantStreams implements AutoCloseable {
    /** How long the raw events topic keeps events. */
    public static final long EVENTS_RETENTION_MILLIS = 7L * 24 * 3_600_000;
    /** How long the audit trail is kept: a year and a month. */
    public static final long AUDIT_RETENTION_MILLIS = 400L * 24 * 3_600_000;

    /** Wait before a Streams client that went to ERROR is replaced, doubled per failed try up to a minute. */
    static final long FIRST_RESTART_DELAY_MILLIS = 1_000;
    private static final long MAX_RESTART_DELAY_MILLIS = 60_000;
    /** Largest batch of the Streams producer (changelogs and internal topics), in bytes. */
    private static final int STREAMS_BATCH_BYTES = 128 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(TenantStreams.class);
    private static final Serializer<String> VISITOR_KEYS = StateSerdes.keys().serializer();

    private final TenantTopics topics;
    private final Supplier<KafkaStreams> factory;
    private final ScheduledExecutorService restarts;
    private final DecodedStores decoded = new DecodedStores();
    // the store reads behind the decoded values, made once: a query that finds its value decoded allocates nothing
    private final Function<String, VisitorHistory> readHistory = key -> {
        VisitorRecord visitor = this.<VisitorRecord>readVisitor(Stores.VISITORS, key);
        return visitor == null ? null : visitor.history();
    };
    private final Function<String, String> readLink = key -> this.<String>readVisitor(Stores.IDENTITY_LINKS, key);
    private final Function<String, ItemNeighbours> readNeighbours =
            id -> this.<ItemNeighbours, ItemNeighbours>read(Stores.ITEM_NEIGHBOURS, store -> store.get(id));
    private final Function<String, ItemNeighbours> readFollows =
            id -> this.<ItemNeighbours, ItemNeighbours>read(Stores.ITEM_FOLLOWS_GLOBAL, store -> store.get(id));
    private final Function<String, CatalogItem> readCatalog =
            id -> this.<CatalogItem, CatalogItem>read(Stores.CATALOG, store -> store.get(id));
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);
    /** How long the group waits for a silent instance before giving its partitions to others. */
    public static final int SESSION_TIMEOUT_MILLIS = 6_000;
    private static final int ADMIN_TIMEOUT_MILLIS = 10_000;
    private volatile KafkaStreams streams;
    private volatile boolean closed;
    private long restartDelayMillis = FIRST_RESTART_DELAY_MILLIS;

    /**
     * @param instanceId a stable name of this instance: it is the static group membership id, so
     *                   a restart rejoins at once instead of waiting out the session timeout
     * @param applicationServer {@code host:port} of this instance's HTTP API, published to the other
     *                   instances of the tenant so a query for a key reaches the instance owning it
     */
    public TenantStreams(TenantTopics topics, String bootstrapServers, Path stateRoot, String instanceId,
                         String applicationServer, RecommenderSettings recommender, StreamsSettings settings,
                         CleaningMetrics metrics) {
        this.topics = topics;
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, topics.applicationId());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, applicationServer);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateRoot.resolve(topics.tenant().value()).toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, settings.streamThreads());
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, settings.standbyReplicas());
        requireReplicationChosen(settings);
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) settings.replicationFactor());
        props.put(StreamsConfig.topicPrefix(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG), settings.minInsyncReplicas());
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, settings.commitIntervalMillis());
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG),
                topics.applicationId() + "-" + instanceId);
        // a crashed instance's partitions move to the others (to their standbys) once the group
        // misses it for this long; a restart of a static member within it keeps its partitions without
        // a rebalance, a slower one triggers one (cheap with standbys). 6 s is the least a broker
        // allows by default (group.min.session.timeout.ms), against Kafka's 45 s
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), SESSION_TIMEOUT_MILLIS);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), SESSION_TIMEOUT_MILLIS / 3);
        // the group's leader asks the changelogs' end offsets while it assigns: with a broker just lost,
        // that call waited out the admin's 60 s default and held the whole group (and the takeover of
        // a crashed instance's visitors) for a minute; failing sooner makes Streams keep the previous
        // assignment and rebalance again at once
        props.put(StreamsConfig.adminClientPrefix(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG), ADMIN_TIMEOUT_MILLIS);
        props.put(StreamsConfig.adminClientPrefix(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG), ADMIN_TIMEOUT_MILLIS / 2);
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0L); // no store uses the record cache (RecommendationTopology)
        // changelogs and internal topics: the records repeat keys and field names, lz4 halves them or better
        props.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
        // a commit closes every partition's open batch, and each new lz4 batch allocates 128 KiB of
        // buffers: batches of up to 128 KiB (16 KiB by default) took the broker's CPU per event from
        // 53-69 to 29-41 us and the Streams producer's from 25-29 to 12-15 us (ecrm bench ingest);
        // with about 60 partitions written per commit they stay well inside 32 MiB of buffer memory
        props.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), STREAMS_BATCH_BYTES);
        this.factory = () -> new KafkaStreams(RecommendationTopology.buildTopology(topics, recommender, settings,
                BotUserAgents.shipped(), metrics, System::currentTimeMillis, decoded), props);
        this.restarts = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, topics.applicationId() + "-restarts");
            thread.setDaemon(true);
            return thread;
        });
        this.streams = supervised(factory.get());
    }

    /**
     * Keeps the tenant processing through broker outages: a stream thread that dies (a commit
     * that timed out while the broker was away) is replaced, and a client that still ends in
     * ERROR (its global thread died) is closed and started anew on the same state directory.
     * Exactly-once makes either safe: uncommitted work is aborted and done again.
     */
    private KafkaStreams supervised(KafkaStreams client) {
        client.setUncaughtExceptionHandler(error -> {
            LOG.warn("tenant {}: a stream thread failed ({}); replacing it", topics.tenant().value(), error.toString());
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        client.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.ERROR && !closed) {
                scheduleRestart(client);
            } else if (now == KafkaStreams.State.RUNNING) {
                synchronized (this) {
                    restartDelayMillis = FIRST_RESTART_DELAY_MILLIS;
                }
            }
        });
        return client;
    }

    private synchronized void scheduleRestart(KafkaStreams failed) {
        long delay = restartDelayMillis;
        restartDelayMillis = Math.min(MAX_RESTART_DELAY_MILLIS, restartDelayMillis * 2);
        LOG.warn("tenant {}: Streams client in ERROR; restarting it in {} ms", topics.tenant().value(), delay);
        try {
            restarts.schedule(() -> restart(failed), delay, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closing: nothing to restart
        }
    }

    private void restart(KafkaStreams failed) {
        failed.close(Duration.ofSeconds(30));
        if (closed) {
            return;
        }
        KafkaStreams next = supervised(factory.get());
        synchronized (this) {
            if (closed) {
                next.close(Duration.ZERO);
                return;
            }
            streams = next;
            decoded.clear(); // the new client restores its stores without their writers
        }
        try {
            next.start();
        } catch (RuntimeException e) {
            LOG.warn("tenant {}: restarting Streams failed ({}); trying again", topics.tenant().value(), e.toString());
            scheduleRestart(next);
        }
    }

    /** Creates the tenant's topics if they do not exist yet; existing ones are left as they are. */
    public static void createTopics(Admin admin, TenantTopics topics, StreamsSettings settings)
            throws InterruptedException, ExecutionException, TimeoutException {
        requireReplicationChosen(settings);
        Map<String, String> compacted = Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        List<NewTopic> wanted = new ArrayList<>();
        // raw events are kept a week: long enough to rebuild state, short enough that an erased
        // customer's events are gone from the log within days
        wanted.add(new NewTopic(topics.events(), settings.partitions(), settings.replicationFactor())
                .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(EVENTS_RETENTION_MILLIS))));
        wanted.add(new NewTopic(topics.forget(), settings.partitions(), settings.replicationFactor()));
        wanted.add(new NewTopic(topics.rejected(), settings.partitions(), settings.replicationFactor()));
        // visit summaries and routed visitor records carry visitor ids: kept no longer than the events
        Map<String, String> week = Map.of(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(EVENTS_RETENTION_MILLIS));
        wanted.add(new NewTopic(topics.visitorRouting(), settings.partitions(), settings.replicationFactor()).configs(week));
        wanted.add(new NewTopic(topics.sessions(), settings.partitions(), settings.replicationFactor()).configs(week));
        // records carry event time; the broker stamps this internal topic on append so retention never
        // deletes a replay of old data before it is processed
        wanted.add(new NewTopic(topics.itemUpdates(), settings.partitions(), settings.replicationFactor())
                .configs(Map.of(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime")));
        wanted.add(new NewTopic(topics.catalog(), settings.partitions(), settings.replicationFactor()).configs(compacted));
        wanted.add(new NewTopic(topics.itemCounts(), settings.partitions(), settings.replicationFactor()).configs(compacted));
        wanted.add(new NewTopic(topics.itemFollows(), settings.partitions(), settings.replicationFactor()).configs(compacted));
        wanted.add(new NewTopic(topics.itemActivity(), settings.partitions(), settings.replicationFactor()).configs(compacted));
        wanted.add(new NewTopic(topics.itemNeighbours(), settings.partitions(), settings.replicationFactor()).configs(compacted));
        wanted.add(new NewTopic(topics.model(), 1, settings.replicationFactor()).configs(compacted));
        // one partition: the trail reads in the order things were done; kept past a year of audits
        wanted.add(new NewTopic(topics.audit(), 1, settings.replicationFactor())
                .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(AUDIT_RETENTION_MILLIS))));
        // every write waits for this many copies (the producers use acks=all), so losing a broker loses nothing acknowledged
        String minInsync = String.valueOf(settings.minInsyncReplicas());
        wanted.replaceAll(t -> {
            Map<String, String> configs = new HashMap<>(t.configs() == null ? Map.of() : t.configs());
            configs.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, minInsync);
            return new NewTopic(t.name(), t.numPartitions(), t.replicationFactor()).configs(configs);
        });
        Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
        List<NewTopic> missing = wanted.stream().filter(t -> !existing.contains(t.name())).toList();
        if (missing.isEmpty()) {
            return;
        }
        try {
            admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e; // another instance creating the same topics at the same time is fine
            }
        }
        awaitLeaders(admin, missing.stream().map(NewTopic::name).toList());
    }

    private static void requireReplicationChosen(StreamsSettings settings) {
        if (!settings.replicationChosen()) {
            throw new IllegalArgumentException("the replication is not chosen yet: settle it with StreamsSettings.forCluster");
        }
    }

    /**
     * Waits until the new topics have a leader for every partition. Creation returns once the
     * controller has the topics; a client that writes or reads before its broker has them fails
     * (a global store finds no partitions), and a first write that races the broker taking the new
     * partitions over can be lost (KAFKA-15591, fixed in broker 4.5).
     */
    private static void awaitLeaders(Admin admin, List<String> names) throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                Map<String, TopicDescription> described = admin.describeTopics(names).allTopicNames().get(10, TimeUnit.SECONDS);
                if (described.values().stream().allMatch(d -> !d.partitions().isEmpty()
                        && d.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty()))) {
                    return;
                }
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("topics " + names + " have no leaders after 30 s");
            }
            Thread.sleep(100);
        }
    }

    public void start() {
        streams.start();
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    public KafkaStreams kafkaStreams() {
        return streams;
    }

    public TenantTopics topics() {
        return topics;
    }

    /** The visitor's history if this instance holds it, else null (unknown visitor, or owned elsewhere). */
    public VisitorHistory visitorHistory(String visitorKey) {
        return decoded.histories().get(visitorKey, readHistory);
    }

    /** The visitor's profile if this instance holds it, else null. */
    public CustomerProfile profile(String visitorKey) {
        VisitorRecord visitor = this.<VisitorRecord>readVisitor(Stores.VISITORS, visitorKey);
        return visitor == null ? null : visitor.profile();
    }

    /**
     * The visitor's history as any copy of its partition on this instance has it: the active one
     * even while it is not queryable as such (a rebalance, a restore), or a standby copy (read while
     * the visitor's owner is away). Such a copy may trail the visitor's latest events by what it
     * has not replicated or restored yet; null when it has no such visitor. Never cached.
     *
     * @throws StateNotReadyException when this instance holds no copy of the visitor's partition
     */
    public VisitorHistory staleVisitorHistory(String visitorKey) {
        VisitorRecord visitor = readStale(visitorKey);
        return visitor == null ? null : visitor.history();
    }

    /** The visitor's profile from any copy on this instance, as {@link #staleVisitorHistory}. */
    public CustomerProfile staleProfile(String visitorKey) {
        VisitorRecord visitor = readStale(visitorKey);
        return visitor == null ? null : visitor.profile();
    }

    private VisitorRecord readStale(String visitorKey) {
        try {
            KeyQueryMetadata metadata = streams.queryMetadataForKey(Stores.VISITORS, visitorKey, VISITOR_KEYS);
            if (metadata == null || metadata.partition() < 0) {
                throw new StateNotReadyException(topics.tenant().value(), streams.state(), null);
            }
            return streams.store(StoreQueryParameters.fromNameAndType(Stores.VISITORS,
                    QueryableStoreTypes.<String, VisitorRecord>keyValueStore()).enableStaleStores()
                    .withPartition(metadata.partition())).get(visitorKey);
        } catch (InvalidStateStoreException | IllegalStateException e) {
            throw new StateNotReadyException(topics.tenant().value(), streams.state(), e);
        }
    }

    /** The customer key an anonymous visitor key is linked to, if this instance holds the link, else null. */
    public String linkedCustomer(String anonymousKey) {
        return decoded.links().get(anonymousKey, readLink);
    }

    /** The item's follows list (what visitors went on to next), {@link ItemNeighbours#NONE} when it has none. */
    public ItemNeighbours follows(String itemId) {
        ItemNeighbours follows = decoded.follows().get(itemId, readFollows);
        return follows == null ? ItemNeighbours.NONE : follows;
    }

    /** The catalogue entry of an item, or null when the catalogue does not list it. */
    public CatalogItem catalogItem(String itemId) {
        return decoded.catalog().get(itemId, readCatalog);
    }

    /**
     * Calls {@code action} with every profile this instance holds, in key order: the profiles of
     * the partitions it owns (all of them while it is the tenant's only instance).
     */
    public void forEachLocalProfile(java.util.function.Consumer<CustomerProfile> action) {
        this.<VisitorRecord, Void>read(Stores.VISITORS, store -> {
            try (KeyValueIterator<String, VisitorRecord> it = store.all()) {
                it.forEachRemaining(kv -> {
                    if (kv.value.profile() != null) {
                        action.accept(kv.value.profile());
                    }
                });
            }
            return null;
        });
    }

    /** Calls {@code action} with every visitor key and recommendation history this instance holds. */
    public void forEachLocalHistory(BiConsumer<String, VisitorHistory> action) {
        this.<VisitorRecord, Void>read(Stores.VISITORS, store -> {
            try (KeyValueIterator<String, VisitorRecord> it = store.all()) {
                it.forEachRemaining(kv -> {
                    if (kv.value.history() != null) {
                        action.accept(kv.key, kv.value.history());
                    }
                });
            }
            return null;
        });
    }

    /** Calls {@code action} with every (placement, hour) this instance's partitions hold and what recommendations earned there. */
    public void forEachLocalEarnings(BiConsumer<EarningsKey, Earnings> action) {
        this.<Earnings, Void>read(Stores.RECOMMENDATION_EARNINGS, store -> {
            try (KeyValueIterator<String, Earnings> it = store.all()) {
                it.forEachRemaining(kv -> action.accept(EarningsKey.parse(kv.key), kv.value));
            }
            return null;
        });
    }

    /** RocksDB's estimate of the number of visitor records, so of profiles, this instance holds. */
    public long approximateLocalProfiles() {
        return this.<VisitorRecord, Long>read(Stores.VISITORS, ReadOnlyKeyValueStore::approximateNumEntries);
    }

    public ItemNeighbours neighbours(String itemId) {
        ItemNeighbours neighbours = decoded.neighbours().get(itemId, readNeighbours);
        return neighbours == null ? ItemNeighbours.NONE : neighbours;
    }

    /** The item's weighted count, or null for an item never seen. */
    public Double itemCount(String itemId) {
        return this.<Double, Double>read(Stores.ITEM_COUNTS, store -> store.get(itemId));
    }

    /** Calls {@code action} with every item and its weighted count (the per-partition totals left out). */
    public void forEachItemCount(BiConsumer<String, Double> action) {
        this.<Double, Void>read(Stores.ITEM_COUNTS, store -> {
            try (KeyValueIterator<String, Double> it = store.all()) {
                it.forEachRemaining(kv -> {
                    if (!kv.key.startsWith(Stores.TOTAL_PREFIX)) {
                        action.accept(kv.key, kv.value);
                    }
                });
            }
            return null;
        });
    }

    /** Calls {@code action} with every item's activity, as last published by the item side. */
    public void forEachItemActivity(BiConsumer<String, ItemActivity> action) {
        this.<ItemActivity, Void>read(Stores.ITEM_ACTIVITY_GLOBAL, store -> {
            try (KeyValueIterator<String, ItemActivity> it = store.all()) {
                it.forEachRemaining(kv -> action.accept(kv.key, kv.value));
            }
            return null;
        });
    }

    /**
     * Reads a visitor key from a store partitioned by visitor key: from the one partition that can
     * hold it, as a read of the whole store would ask every local partition in turn. When that
     * partition is not here (owned elsewhere, or the owner cannot be known now), the read is of
     * every local partition, which answers null for a key held elsewhere.
     */
    private <V> V readVisitor(String name, String visitorKey) {
        try {
            KeyQueryMetadata metadata = streams.queryMetadataForKey(Stores.VISITORS, visitorKey, VISITOR_KEYS);
            if (metadata != null && metadata.partition() >= 0) {
                return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, V>keyValueStore())
                        .withPartition(metadata.partition())).get(visitorKey);
            }
        } catch (InvalidStateStoreException | IllegalStateException e) {
            // not a partition of this instance, or not queryable now: the read below tells which
        }
        return this.<V, V>read(name, store -> store.get(visitorKey));
    }

    /** Runs a read on a store; a store that is not queryable now (start, restore, rebalance) is a {@link StateNotReadyException}. */
    private <V, R> R read(String name, Function<ReadOnlyKeyValueStore<String, V>, R> query) {
        try {
            return query.apply(streams.store(StoreQueryParameters.fromNameAndType(name,
                    QueryableStoreTypes.<String, V>keyValueStore())));
        } catch (InvalidStateStoreException | IllegalStateException e) {
            // IllegalStateException: the client is in ERROR and being replaced
            throw new StateNotReadyException(topics.tenant().value(), streams.state(), e);
        }
    }

    /**
     * Stops processing and leaves the group: a static member would otherwise keep its partitions
     * until the session timeout, and the other instances could not take them over for that long.
     */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        restarts.shutdownNow();
        // bounded, so a gone broker cannot hold a shutdown: threads still closing after it are left
        // to end with the process, and their uncommitted work is aborted and done again on restart
        streams.close(new KafkaStreams.CloseOptions().leaveGroup(true).timeout(CLOSE_TIMEOUT));
    }
}
