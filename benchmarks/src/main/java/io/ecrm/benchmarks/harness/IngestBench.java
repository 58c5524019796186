package io.ecrm.benchmarks.harness;

import io.ecrm.schemas.ClickEvent;
import io.ecrm.schemas.EventJson;
import io.ecrm.streams.StreamsSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench ingest}: events/s from HTTP batches through Kafka into the Streams stores, beside
 * the raw producer rate of the same broker in the same run, and freshness.
 * <ol>
 *   <li>Ceiling: the same number of events, in the stored form and keyed by visitor as the engine
 *       writes them, sent by a plain idempotent producer with the engine's producer settings to a
 *       fresh topic with as many partitions as the tenant's events topic.</li>
 *   <li>End to end: {@code clients} connections post batches of {@code batch} events to
 *       {@code POST /v1/events} with the tenant's key, until all events are sent or {@code seconds}
 *       have passed; then the run waits (at most {@code drain-seconds}) until the item counts in
 *       the stores add up to every accepted event, and checks each was counted exactly once.</li>
 *   <li>Freshness: from the first POST until the stores have counted every event, a probe visitor
 *       at a time views a popular item and polls their recommendations until the item's neighbours
 *       show ({@link FreshnessProbe}); then the same on the idle engine. So that popular items have
 *       neighbours from the start, {@code warmup-events} are sent and counted before the clock starts.</li>
 * </ol>
 * Request bodies and producer records are generated before each clock starts.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Events/s from HTTP batches into the Streams stores, beside the raw producer rate; freshness.")
final class IngestBench implements Callable<Integer> {
    @Mixin
    RunOptions run;

    @Option(names = "--events", defaultValue = "300000", description = "Events to send, at most (default: ${DEFAULT-VALUE}).")
    int events;

    @Option(names = "--seconds", defaultValue = "60", description = "Longest time to send them, per phase (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--clients", defaultValue = "4", description = "Concurrent HTTP connections (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--batch", defaultValue = "500", description = "Events per POST (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--items", defaultValue = "10000", description = "Catalogue size (default: ${DEFAULT-VALUE}).")
    int items;

    @Option(names = "--visitors", defaultValue = "200000", description = "Visitor population (default: ${DEFAULT-VALUE}).")
    int visitors;

    @Option(names = "--warmup-events", defaultValue = "20000", description = "Events sent and counted before the clock "
            + "starts, so that popular items have neighbours for the freshness probes (default: ${DEFAULT-VALUE}).")
    int warmupEvents;

    @Option(names = "--drain-seconds", defaultValue = "600",
            description = "Longest wait for the stores to count every accepted event (default: ${DEFAULT-VALUE}).")
    int drainSeconds;

    @Option(names = "--probe-timeout-seconds", defaultValue = "60",
            description = "Longest wait for one freshness sample (default: ${DEFAULT-VALUE}).")
    int probeTimeoutSeconds;

    @Option(names = "--open-loop-seconds", defaultValue = "30", description = "How long events are sent at half the "
            + "end-to-end rate, at a steady pace whatever the engine does, for freshness under load (default: ${DEFAULT-VALUE}; 0: none).")
    int openLoopSeconds;

    @Option(names = "--rest-probes", defaultValue = "100", description = "Freshness samples on the idle engine after the run "
            + "(default: ${DEFAULT-VALUE}).")
    int restProbes;

    @Spec
    CommandSpec spec;

    private static final String CEILING_TOPIC = "bench-producer-ceiling";
    /** How often the run reads the counts while waiting; the counts change once per neighbour refresh (1 s). */
    static final long COUNT_POLL_MILLIS = 250;
    /** Time after which a probe event whose effect showed is surely in the item counts (a flush, a refresh, a global update). */
    private static final long PROBE_SETTLE_MILLIS = 3_000;

    @Override
    public Integer call() throws Exception {
        if (events < 1 || seconds < 1 || clients < 1 || batch < 1 || items < ShopTraffic.CATEGORY_SIZE || visitors < 1) {
            throw new IllegalArgumentException("events, seconds, clients, batch and visitors must be positive, items at least "
                    + ShopTraffic.CATEGORY_SIZE);
        }
        Report report = new Report(spec);
        run.describe(report);
        report.setting("events", events);
        report.setting("seconds", seconds);
        report.setting("clients", clients);
        report.setting("batch", batch);
        report.setting("items", items);
        report.setting("visitors", visitors);
        StreamsSettings streams = run.streams();
        try (BenchEngine engine = BenchEngine.start(run.workDir, streams)) {
            Rate ceiling = producerCeiling(engine, streams);
            Progress.say("producer ceiling: %,d events in %.1f s = %,.0f events/s", ceiling.events, ceiling.seconds, ceiling.perSecond());
            EndToEnd http = endToEnd(engine);
            OpenLoop steady = http.countedAll && openLoopSeconds > 0
                    ? openLoop(engine, http, http.accepted / http.countedSeconds / 2) : null;
            Latencies rest = new Latencies();
            long restTimeouts = 0;
            if (http.countedAll) {
                try (FreshnessProbe probe = new FreshnessProbe(engine, http.candidates, probeTimeoutSeconds * 1000L, "rest")) {
                    for (int i = 0; i < restProbes; i++) {
                        long nanos = probe.sample();
                        if (nanos == Long.MAX_VALUE) {
                            restTimeouts++;
                        } else if (nanos >= 0) {
                            rest.recordNanos(nanos);
                        }
                        Thread.sleep(20);
                    }
                }
            }
            report(report, ceiling, http, steady, rest, restTimeouts);
        }
        report.publish(run.json, run.markdown);
        return 0;
    }

    private void report(Report report, Rate ceiling, EndToEnd http, OpenLoop steady, Latencies rest, long restTimeouts) {
        double endToEnd = http.countedAll ? http.accepted / http.countedSeconds : Double.NaN;
        long brokerBytes = http.topicBytes.values().stream().mapToLong(Long::longValue).sum();
        Double streamThread = http.cpuSeconds.get(CpuMeter.STREAM_THREADS);
        report.summary("endToEndEventsPerSecond", endToEnd);
        report.summary("endToEndOfCeiling", endToEnd / ceiling.perSecond());
        report.summary("brokerBytesPerEvent", (double) brokerBytes / http.accepted);
        report.summary("streamThreadMicrosPerEvent", streamThread == null ? null : streamThread * 1e6 / http.accepted);
        report.summary("freshnessP99MillisUnderLoad", steady == null || steady.probeTimeouts > 0 ? null : steady.freshness.millis(99));
        report.summary("freshnessP99MillisIdle", restTimeouts > 0 ? null : rest.millis(99));
        Report.Table rates = report.table("Ingest rates",
                new Report.Column("path", "path", null),
                new Report.Column("events", "events", "%,d"),
                new Report.Column("seconds", "s", "%.1f"),
                new Report.Column("eventsPerSecond", "events/s", "%,.0f"),
                new Report.Column("ofCeiling", "of ceiling", "%.2f"));
        rates.add("raw producer to a fresh topic (ceiling)", ceiling.events, ceiling.seconds, ceiling.perSecond(), 1.0);
        rates.add("HTTP accepted (202), " + clients + " clients x " + batch + " events", http.accepted, http.sendSeconds,
                http.accepted / http.sendSeconds, http.accepted / http.sendSeconds / ceiling.perSecond());
        rates.add("end to end: HTTP -> Kafka -> Streams stores, all counted", http.accepted,
                http.countedAll ? http.countedSeconds : null, endToEnd, endToEnd / ceiling.perSecond());
        report.note(String.format("Refused batches: %,d events (%s); transport errors: %,d. Stores counted a weight of "
                        + "%,.0f of %,.0f expected: %s. POST latency per batch: p50 %.1f ms, p99 %.1f ms.",
                http.refused, http.firstRefusal == null ? "none" : http.firstRefusal, http.errors, http.countedWeight,
                http.expectedWeight, http.countedWeight == http.expectedWeight ? "every accepted event counted exactly once"
                        : "MISMATCH", http.posts.millis(50), http.posts.millis(99)));
        Report.Table cpu = report.table("CPU time by part, from the first POST until every event was counted",
                new Report.Column("part", "part", null),
                new Report.Column("cpuSeconds", "CPU s", "%.1f"),
                new Report.Column("microsPerEvent", "CPU us per event", "%.1f"),
                new Report.Column("share", "share", "%.2f"),
                new Report.Column("eventsPerSecondPerCore", "events/s if it had a core of its own", "%,.0f"));
        double total = http.cpuSeconds.get("total");
        http.cpuSeconds.forEach((part, secondsOfCpu) -> cpu.add(part, secondsOfCpu, secondsOfCpu * 1e6 / http.accepted,
                secondsOfCpu / total, part.equals("total") ? null : http.accepted / secondsOfCpu));
        report.note(String.format("The process used %.2f cores on average from the first POST until every event was "
                + "counted (%.1f CPU s in %.1f s). On disk then: the state stores %,.0f MiB.",
                total / http.countedSeconds, total, http.countedSeconds, http.stateBytes / 1048576.0));
        Report.Table bytes = report.table("Bytes the broker took in, by topic, from the first POST until every event was counted",
                new Report.Column("topic", "topic", null),
                new Report.Column("bytes", "bytes", "%,d"),
                new Report.Column("bytesPerEvent", "bytes per event", "%,.0f"),
                new Report.Column("share", "share", "%.2f"));
        http.topicBytes.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                .forEach(e -> bytes.add(e.getKey(), e.getValue(), (double) e.getValue() / http.accepted,
                        (double) e.getValue() / brokerBytes));
        bytes.add("total", brokerBytes, (double) brokerBytes / http.accepted, 1.0);
        Report.Table fresh = report.table("Freshness: from the 202 of an event to that visitor's changed recommendations",
                new Report.Column("when", "when", null),
                new Report.Column("samples", "samples", "%,d"),
                new Report.Column("p50Millis", "p50 ms", "%.1f"),
                new Report.Column("p99Millis", "p99 ms", "%.1f"),
                new Report.Column("maxMillis", "max ms", "%.1f"),
                new Report.Column("timeouts", "timed out (> " + probeTimeoutSeconds + " s)", "%,d"));
        fresh.add("from the first POST until every event was counted", http.freshness.count(), http.freshness.millis(50), http.freshness.millis(99),
                http.freshness.maxMillis(), http.probeTimeouts);
        if (steady != null) {
            fresh.add(String.format("open loop: %,.0f events/s (half the end-to-end rate) for %d s", steady.rate, openLoopSeconds),
                    steady.freshness.count(), steady.freshness.millis(50), steady.freshness.millis(99),
                    steady.freshness.maxMillis(), steady.probeTimeouts);
            report.note(String.format("Open loop: %,d events sent in %.1f s, %,d refused, %,d transport errors; POST latency "
                    + "per batch of %,d: p50 %.1f ms, p99 %.1f ms.", steady.sent, steady.sendSeconds, steady.refused,
                    steady.errors, steady.batch, steady.posts.millis(50), steady.posts.millis(99)));
        }
        fresh.add("idle engine, after the run", rest.count(), rest.millis(50), rest.millis(99), rest.maxMillis(), restTimeouts);
        report.target("end to end >= 0.25 of the raw producer rate", String.format("%,.0f events/s", ceiling.perSecond() / 4),
                String.format("%,.0f events/s, %.2f of it", endToEnd, endToEnd / ceiling.perSecond()),
                endToEnd >= ceiling.perSecond() / 4);
        double perEvent = (double) brokerBytes / http.accepted;
        report.target("broker bytes per accepted event <= 1,500", "1,500", String.format("%,.0f", perEvent), perEvent <= 1_500);
        double threadMicros = streamThread == null ? Double.NaN : streamThread * 1e6 / http.accepted;
        report.target("stream thread CPU per event <= 25 us", "25 us", String.format("%.1f us", threadMicros), threadMicros <= 25);
        double loaded = steady == null || steady.probeTimeouts > 0 ? Double.POSITIVE_INFINITY : steady.freshness.millis(99);
        report.target("freshness p99 < 1 s at half the end-to-end rate", "1,000 ms", steady == null ? "not run"
                : String.format("%.0f ms", loaded), loaded < 1_000);
        double idle = restTimeouts > 0 ? Double.POSITIVE_INFINITY : rest.millis(99);
        report.target("freshness p99 < 250 ms idle", "250 ms", String.format("%.0f ms", idle), idle < 250);
    }

    /** What was sent and how long it took. */
    private record Rate(long events, double seconds) {
        double perSecond() {
            return events / seconds;
        }
    }

    private Rate producerCeiling(BenchEngine engine, StreamsSettings streams) throws Exception {
        engine.engine().admin().createTopics(List.of(new NewTopic(CEILING_TOPIC, Optional.of(streams.partitions()),
                Optional.empty()))).all().get(30, TimeUnit.SECONDS);
        List<List<ProducerRecord<String, byte[]>>> shares = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            ShopTraffic traffic = traffic(c);
            List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
            for (int i = 0; i < share(c); i++) {
                ClickEvent event = traffic.next();
                records.add(new ProducerRecord<>(CEILING_TOPIC, event.visitorKey(), EventJson.toBytes(event)));
            }
            shares.add(records);
        }
        Properties props = new Properties();
        // the settings of the engine's EventPublisher
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, engine.engine().bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        AtomicLong acked = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        long start = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            ExecutorService pool = LoadThreads.pool(clients, "ceiling");
            List<Future<?>> sending = new ArrayList<>();
            for (List<ProducerRecord<String, byte[]>> records : shares) {
                sending.add(pool.submit(() -> {
                    for (int i = 0; i < records.size() && (i % 1000 != 0 || System.nanoTime() < deadline); i++) {
                        producer.send(records.get(i), (metadata, error) -> (error == null ? acked : failed).incrementAndGet());
                    }
                }));
            }
            for (Future<?> f : sending) {
                f.get();
            }
            pool.shutdown();
            producer.flush();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " events were not acknowledged by the broker");
        }
        return new Rate(acked.get(), elapsed);
    }

    private ShopTraffic traffic(int client) {
        long[] clock = {System.currentTimeMillis() - 3_600_000L};
        // one session start per millisecond of event time: a million events span about two minutes of it
        return new ShopTraffic(run.seed + client, items, Math.max(1, visitors / clients), "c" + client, () -> clock[0]++,
                run.impressions);
    }

    private int share(int client) {
        return events / clients + (client < events % clients ? 1 : 0);
    }

    /** The figures of the HTTP run. */
    private static final class EndToEnd {
        long accepted;
        long refused;
        long errors;
        String firstRefusal;
        double expectedWeight;
        double countedWeight;
        double sendSeconds;
        double countedSeconds;
        boolean countedAll;
        final Latencies posts = new Latencies();
        final Latencies freshness = new Latencies();
        long probeTimeouts;
        String[] candidates;
        Map<String, Double> cpuSeconds;
        Map<String, Long> topicBytes;
        long stateBytes;
    }

    private EndToEnd endToEnd(BenchEngine engine) throws Exception {
        double warm = 0;
        if (warmupEvents > 0) {
            Seeding.seed(engine, run.seed + 1_000, items, visitors, warmupEvents, drainSeconds, run.impressions);
            warm = engine.countedWeight();
        }
        List<List<EventBatch>> bodies = new ArrayList<>();
        ShopTraffic first = null;
        for (int c = 0; c < clients; c++) {
            ShopTraffic traffic = traffic(c);
            first = first == null ? traffic : first;
            List<EventBatch> batches = new ArrayList<>();
            for (int left = share(c); left > 0; left -= batch) {
                batches.add(EventBatch.next(traffic, Math.min(batch, left)));
            }
            bodies.add(batches);
        }
        EndToEnd result = new EndToEnd();
        result.candidates = first.mostPopular(50);
        result.expectedWeight = warm;
        AtomicBoolean running = new AtomicBoolean(true);
        FreshnessProbe probe = new FreshnessProbe(engine, result.candidates, probeTimeoutSeconds * 1000L, "load");
        ExecutorService pool = LoadThreads.pool(clients + 1, "ingest");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        Map<String, Long> bytesBefore = BrokerBytes.byTopic();
        CpuMeter cpu = new CpuMeter();
        long start = System.nanoTime();
        Future<?> probing = pool.submit(() -> probeWhile(probe, result, running));
        List<Future<Sender>> senders = new ArrayList<>();
        for (List<EventBatch> batches : bodies) {
            senders.add(pool.submit(() -> new Sender(engine).send(batches, deadline)));
        }
        for (Future<Sender> f : senders) {
            Sender s = f.get();
            result.accepted += s.accepted;
            result.refused += s.refused;
            result.errors += s.errors;
            result.expectedWeight += s.weight;
            result.firstRefusal = result.firstRefusal == null ? s.firstRefusal : result.firstRefusal;
            result.posts.add(s.latencies);
        }
        result.sendSeconds = (System.nanoTime() - start) / 1e9;
        Progress.say("HTTP: %,d events accepted in %.1f s = %,.0f events/s; waiting for the stores", result.accepted,
                result.sendSeconds, result.accepted / result.sendSeconds);
        long drainDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(drainSeconds);
        long lastSaid = System.nanoTime();
        while (true) {
            result.countedWeight = engine.countedWeight();
            if (result.countedWeight >= result.expectedWeight + probe.settledWeight(PROBE_SETTLE_MILLIS)
                    || System.nanoTime() > drainDeadline) {
                break;
            }
            if (System.nanoTime() - lastSaid > 10_000_000_000L) {
                Progress.say("stores: %,.0f of %,.0f counted (%.0f%%)", result.countedWeight, result.expectedWeight,
                        100 * result.countedWeight / result.expectedWeight);
                lastSaid = System.nanoTime();
            }
            // reading the counts walks the whole global store (a copy of it, for an in-memory store):
            // more often would take CPU from the Streams thread that is being measured
            Thread.sleep(COUNT_POLL_MILLIS);
        }
        result.countedSeconds = (System.nanoTime() - start) / 1e9;
        result.cpuSeconds = cpu.secondsByPart();
        result.topicBytes = BrokerBytes.between(bytesBefore, BrokerBytes.byTopic());
        result.topicBytes.remove(CEILING_TOPIC);
        result.stateBytes = engine.stateBytes();
        pool.shutdown(); // after reading the CPU clocks: an ended thread's clock can no longer be read
        running.set(false);
        probing.get(); // its last sample's event has had its effect: it is counted within the next refresh
        probe.close();
        result.expectedWeight += probe.weight();
        long settle = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (engine.countedWeight() < result.expectedWeight && System.nanoTime() < settle) {
            Thread.sleep(COUNT_POLL_MILLIS);
        }
        result.countedWeight = engine.countedWeight();
        result.countedAll = result.countedWeight >= result.expectedWeight;
        if (result.countedAll) {
            Thread.sleep(3_000); // a late duplicate would show up within the next refreshes
            result.countedWeight = engine.countedWeight();
        }
        Progress.say("stores: %,.0f of %,.0f counted after %.1f s", result.countedWeight, result.expectedWeight,
                result.countedSeconds);
        return result;
    }

    /** The figures of the open-loop run. */
    private static final class OpenLoop {
        double rate;
        int batch;
        long sent;
        long refused;
        long errors;
        double sendSeconds;
        final Latencies posts = new Latencies();
        final Latencies freshness = new Latencies();
        long probeTimeouts;
    }

    /**
     * Sends events at {@code rate} per second for {@code openLoopSeconds}, a batch every 20 ms on
     * schedule whether or not the engine keeps up (a closed loop would slow down with it and hide
     * the wait), while a probe samples freshness; then waits for the stores to count everything
     * sent so far, and adds it to what the run expects.
     */
    private OpenLoop openLoop(BenchEngine engine, EndToEnd http, double rate) throws Exception {
        OpenLoop result = new OpenLoop();
        result.rate = rate;
        result.batch = (int) Math.max(1, Math.round(rate / 50));
        long total = (long) (rate * openLoopSeconds);
        long[] clock = {System.currentTimeMillis() - 1_800_000L};
        ShopTraffic traffic = new ShopTraffic(run.seed + 2_000, items, visitors, "o", () -> clock[0]++, run.impressions);
        List<EventBatch> batches = new ArrayList<>();
        for (long left = total; left > 0; left -= result.batch) {
            batches.add(EventBatch.next(traffic, (int) Math.min(result.batch, left)));
        }
        Progress.say("open loop: %,.0f events/s for %d s, batches of %,d", rate, openLoopSeconds, result.batch);
        EndToEnd probed = new EndToEnd();
        AtomicBoolean running = new AtomicBoolean(true);
        FreshnessProbe probe = new FreshnessProbe(engine, http.candidates, probeTimeoutSeconds * 1000L, "steady");
        ExecutorService pool = LoadThreads.pool(1, "steady");
        Future<?> probing = pool.submit(() -> probeWhile(probe, probed, running));
        double weight = 0;
        long start = System.nanoTime();
        long periodNanos = (long) (result.batch / rate * 1e9);
        try (LoopbackClient client = engine.client()) {
            for (int i = 0; i < batches.size(); i++) {
                long due = start + i * periodNanos;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                EventBatch batch = batches.get(i);
                long t0 = System.nanoTime();
                try {
                    LoopbackClient.Answer answer = client.postJson("/v1/events", batch.body());
                    result.posts.recordNanos(System.nanoTime() - t0);
                    if (answer.status() == 202) {
                        result.sent += batch.events();
                        weight += batch.weight();
                    } else {
                        result.refused += batch.events();
                    }
                } catch (java.io.IOException e) {
                    result.errors += batch.events();
                }
            }
        }
        result.sendSeconds = (System.nanoTime() - start) / 1e9;
        http.expectedWeight += weight;
        long drainDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(drainSeconds);
        while (engine.countedWeight() < http.expectedWeight + probe.settledWeight(PROBE_SETTLE_MILLIS)
                && System.nanoTime() < drainDeadline) {
            Thread.sleep(COUNT_POLL_MILLIS);
        }
        running.set(false);
        probing.get();
        pool.shutdown();
        probe.close();
        http.expectedWeight += probe.weight();
        long settle = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (engine.countedWeight() < http.expectedWeight && System.nanoTime() < settle) {
            Thread.sleep(COUNT_POLL_MILLIS);
        }
        Thread.sleep(3_000); // a late duplicate would show up within the next refreshes
        http.countedWeight = engine.countedWeight();
        http.countedAll = http.countedWeight >= http.expectedWeight;
        result.freshness.add(probed.freshness);
        result.probeTimeouts = probed.probeTimeouts;
        Progress.say("open loop: %,d events sent in %.1f s; freshness p99 %.1f ms; stores: %,.0f of %,.0f counted",
                result.sent, result.sendSeconds, result.freshness.millis(99), http.countedWeight, http.expectedWeight);
        return result;
    }

    /** Takes freshness samples one after another from the first POST until the stores have counted every event. */
    private static Void probeWhile(FreshnessProbe probe, EndToEnd result, AtomicBoolean running) throws Exception {
        while (running.get()) {
            long nanos = probe.sample();
            if (nanos == Long.MAX_VALUE) {
                result.probeTimeouts++;
            } else if (nanos >= 0) {
                result.freshness.recordNanos(nanos);
            }
            Thread.sleep(nanos < 0 ? 200 : 50);
        }
        return null;
    }

    /** One client connection posting its batches in turn. */
    private static final class Sender {
        private final BenchEngine engine;
        long accepted;
        long refused;
        long errors;
        double weight;
        String firstRefusal;
        final Latencies latencies = new Latencies();

        Sender(BenchEngine engine) {
            this.engine = engine;
        }

        Sender send(List<EventBatch> batches, long deadline) {
            try (LoopbackClient client = engine.client()) {
                for (EventBatch batch : batches) {
                    if (System.nanoTime() > deadline) {
                        break;
                    }
                    long t0 = System.nanoTime();
                    try {
                        LoopbackClient.Answer answer = client.postJson("/v1/events", batch.body());
                        latencies.recordNanos(System.nanoTime() - t0);
                        if (answer.status() == 202) {
                            accepted += batch.events();
                            weight += batch.weight();
                        } else {
                            refused += batch.events();
                            if (firstRefusal == null) {
                                firstRefusal = answer.status() + " " + answer.text();
                            }
                        }
                    } catch (java.io.IOException e) {
                        errors += batch.events();
                    }
                }
            }
            return this;
        }
    }
}
