package io.ecrm.benchmarks.harness;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench soak}: a long bounded run of mixed ingest and queries at moderate fixed rates on a
 * fresh engine, recording each minute the heap after a full GC, the size of the state stores on
 * disk, the errors, and the p99 of queries and of event batches. It fails (exit code 1) on any
 * error (a non-2xx answer or a broken connection), on events not counted exactly once at the end,
 * or on unbounded growth of heap, state, or the backlog of events the stores have not counted yet
 * ({@link GrowthRule}): an engine that falls further behind each minute cannot keep up with the rate.
 * <p>
 * Event time runs {@code time-warp} times faster than the wall clock (by default a day per minute),
 * ending near now, so that the windows and retention that bound the state (the one-day dedup
 * window, visit expiry) turn over several times within the run: a store that forgets nothing shows
 * up as growth. The visitor population and the catalogue are fixed, so state has a size to settle at.
 */
@Command(name = "soak", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Mixed ingest and queries for a bounded time; heap, state size, errors and p99 each minute; "
                + "fails on errors or unbounded growth.")
final class SoakBench implements Callable<Integer> {
    @Mixin
    RunOptions run;

    @Option(names = "--minutes", defaultValue = "10", description = "Length of the run (default: ${DEFAULT-VALUE}).")
    int minutes;

    @Option(names = "--events-per-second", defaultValue = "500", description = "Ingest rate (default: ${DEFAULT-VALUE}).")
    int eventsPerSecond;

    @Option(names = "--queries-per-second", defaultValue = "50", description = "Recommendation query rate (default: ${DEFAULT-VALUE}).")
    int queriesPerSecond;

    @Option(names = "--batch", defaultValue = "100", description = "Events per POST (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--items", defaultValue = "2000", description = "Catalogue size (default: ${DEFAULT-VALUE}).")
    int items;

    // small enough that the run has seen nearly every visitor by the end of the warm-up (a third of the
    // minutes): state keyed by visitor then has a size to settle at, and what still grows is growth
    @Option(names = "--visitors", defaultValue = "5000", description = "Visitor population (default: ${DEFAULT-VALUE}).")
    int visitors;

    @Option(names = "--time-warp", defaultValue = "1440", description = "Event time per wall-clock time (default: ${DEFAULT-VALUE}: "
            + "a day per minute).")
    int timeWarp;

    @Option(names = "--growth-tolerance", defaultValue = "0.10",
            description = "Largest rise over the last minutes that is not growth, as a fraction (default: ${DEFAULT-VALUE}).")
    double growthTolerance;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (minutes < 1 || eventsPerSecond < 1 || queriesPerSecond < 1 || batch < 1 || visitors < 1 || timeWarp < 1) {
            throw new IllegalArgumentException("minutes, rates, batch, visitors and time warp must be positive");
        }
        Report report = new Report(spec);
        run.describe(report);
        report.setting("minutes", minutes);
        report.setting("eventsPerSecond", eventsPerSecond);
        report.setting("queriesPerSecond", queriesPerSecond);
        report.setting("batch", batch);
        report.setting("items", items);
        report.setting("visitors", visitors);
        report.setting("timeWarp", timeWarp);
        Report.Table table = report.table("Each minute",
                new Report.Column("minute", "minute", "%d"),
                new Report.Column("eventsAccepted", "events accepted", "%,d"),
                new Report.Column("queries", "queries", "%,d"),
                new Report.Column("errors", "errors", "%,d"),
                new Report.Column("queryP99Millis", "query p99 ms", "%.2f"),
                new Report.Column("batchP99Millis", "batch p99 ms", "%.2f"),
                new Report.Column("uncountedWeight", "not yet counted", "%,.0f"),
                new Report.Column("heapAfterGcMiB", "heap after GC MiB", "%,d"),
                new Report.Column("stateMiB", "state on disk MiB", "%.1f"),
                new Report.Column("kafkaLogMiB", "Kafka log MiB", "%.1f"));
        List<String> failures = new ArrayList<>();
        List<Long> heap = new ArrayList<>();
        List<Long> state = new ArrayList<>();
        List<Long> backlog = new ArrayList<>();
        long errorsTotal = 0;
        try (BenchEngine engine = BenchEngine.start(run.workDir, run.streams())) {
            long wallStart = System.currentTimeMillis();
            long eventStart = wallStart - 3_600_000L - (long) minutes * 60_000 * timeWarp;
            ShopTraffic traffic = new ShopTraffic(run.seed, items, visitors, "k",
                    () -> eventStart + (System.currentTimeMillis() - wallStart) * timeWarp, run.impressions);
            Load load = new Load(engine, traffic);
            load.start();
            try {
                long begin = System.nanoTime();
                for (int minute = 1; minute <= minutes; minute++) {
                    long until = begin + TimeUnit.MINUTES.toNanos(minute);
                    while (System.nanoTime() < until && !load.failed()) {
                        TimeUnit.NANOSECONDS.sleep(Math.min(until - System.nanoTime(), 1_000_000_000L));
                    }
                    if (load.failed()) {
                        failures.add("the load stopped: " + load.failure);
                        break;
                    }
                    Histogram queries = load.queryLatencies.getIntervalHistogram();
                    Histogram batches = load.batchLatencies.getIntervalHistogram();
                    long errors = load.errors.getAndSet(0);
                    errorsTotal += errors;
                    long heapAfterGc = heapAfterGc();
                    long stateBytes = engine.stateBytes();
                    heap.add(heapAfterGc);
                    state.add(stateBytes);
                    double uncounted = load.acceptedWeight.sum() - engine.countedWeight();
                    backlog.add(Math.round(uncounted));
                    table.add(minute, load.acceptedEvents.getAndSet(0), queries.getTotalCount(), errors,
                            queries.getValueAtPercentile(99) / 1000.0, batches.getValueAtPercentile(99) / 1000.0, uncounted,
                            heapAfterGc >> 20, stateBytes / 1048576.0, engine.kafkaBytes() / 1048576.0);
                    Progress.say("minute %d: %,d errors, heap after GC %,d MiB, state %,.1f MiB, query p99 %.2f ms",
                            minute, errors, heapAfterGc >> 20, stateBytes / 1048576.0, queries.getValueAtPercentile(99) / 1000.0);
                }
            } finally {
                load.stop();
            }
            if (errorsTotal > 0) {
                failures.add(errorsTotal + " errors (first: " + load.firstError + ")");
            }
            double expected = load.acceptedWeight.sum();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            double counted;
            while ((counted = engine.countedWeight()) < expected && System.nanoTime() < deadline) {
                Thread.sleep(IngestBench.COUNT_POLL_MILLIS);
            }
            Thread.sleep(3_000); // a late duplicate would show within the next refreshes
            counted = engine.countedWeight();
            String once = String.format("stores counted a weight of %,.0f of %,.0f accepted", counted, expected);
            report.note("At the end, " + once + (counted == expected ? ": every event exactly once." : "."));
            if (counted != expected) {
                failures.add(once);
            }
        }
        GrowthRule rule = new GrowthRule(growthTolerance);
        rule.judge("heap after GC", heap).ifPresent(failures::add);
        rule.judge("state on disk", state).ifPresent(failures::add);
        // ten seconds of ingest (in item-count weight, about 1.3 per event) is no backlog to judge
        rule.judge("weight of events not yet counted", backlog, 13L * eventsPerSecond).ifPresent(failures::add);
        if (!GrowthRule.judges(heap.size())) {
            report.note("Too few minutes to judge growth (the rule needs at least " + (GrowthRule.MIN_WARMUP + 3) + ").");
        }
        report.target("no errors", "0", String.valueOf(errorsTotal), errorsTotal == 0);
        report.target("no unbounded growth of heap, state or backlog", "plateau", failures.stream()
                .filter(f -> f.contains("rose")).findFirst().orElse("none"), failures.stream().noneMatch(f -> f.contains("rose")));
        failures.forEach(f -> report.note("FAILED: " + f));
        report.note(failures.isEmpty() ? "PASSED" : "FAILED");
        report.publish(run.json, run.markdown);
        return failures.isEmpty() ? 0 : 1;
    }

    private static long heapAfterGc() throws InterruptedException {
        System.gc();
        Thread.sleep(200);
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** The fixed-rate ingest and query loops of the run. */
    private final class Load {
        private final BenchEngine engine;
        private final ShopTraffic traffic;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final ExecutorService pool = LoadThreads.pool(3, "soak");
        private final List<Future<?>> loops = new ArrayList<>();
        final Recorder queryLatencies = new Recorder(600_000_000L, 3);
        final Recorder batchLatencies = new Recorder(600_000_000L, 3);
        final AtomicLong errors = new AtomicLong();
        final AtomicLong acceptedEvents = new AtomicLong();
        final DoubleAdder acceptedWeight = new DoubleAdder();
        volatile String firstError;
        volatile String failure;

        Load(BenchEngine engine, ShopTraffic traffic) {
            this.engine = engine;
            this.traffic = traffic;
        }

        void start() {
            loops.add(pool.submit(() -> loop("ingest", (double) eventsPerSecond / batch, this::ingest)));
            for (int q = 0; q < 2; q++) {
                Random random = new Random(run.seed * 41 + q);
                loops.add(pool.submit(() -> loop("queries", queriesPerSecond / 2.0, client -> query(client, random))));
            }
        }

        boolean failed() {
            return failure != null;
        }

        void stop() throws InterruptedException {
            running.set(false);
            pool.shutdown();
            pool.awaitTermination(60, TimeUnit.SECONDS);
        }

        private interface Step {
            void run(LoopbackClient client) throws IOException;
        }

        /** Runs a step {@code perSecond} times a second on a fixed schedule, catching up after a stall without bursting. */
        private void loop(String name, double perSecond, Step step) {
            long interval = (long) (1e9 / perSecond);
            try (LoopbackClient client = engine.client()) {
                for (long next = System.nanoTime(); running.get(); next += interval) {
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    } else if (-wait > 1_000_000_000L) {
                        next = System.nanoTime(); // more than a second behind: start the schedule again
                    }
                    try {
                        step.run(client);
                    } catch (IOException e) {
                        error(name + ": " + e);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                failure = name + ": " + e;
            }
        }

        private void ingest(LoopbackClient client) throws IOException {
            EventBatch events = EventBatch.next(traffic, batch);
            long t0 = System.nanoTime();
            LoopbackClient.Answer answer = client.postJson("/v1/events", events.body());
            batchLatencies.recordValue(Math.max(1, (System.nanoTime() - t0) / 1000));
            if (answer.status() == 202) {
                acceptedEvents.addAndGet(events.events());
                acceptedWeight.add(events.weight());
            } else {
                error("POST /v1/events: " + answer.status() + " " + answer.text());
            }
        }

        private void query(LoopbackClient client, Random random) throws IOException {
            String visitor = traffic.visitorId(random.nextInt(traffic.visitors()));
            long t0 = System.nanoTime();
            LoopbackClient.Answer answer = client.get("/v1/customers/" + visitor + "/recommendations?count=10");
            queryLatencies.recordValue(Math.max(1, (System.nanoTime() - t0) / 1000));
            if (answer.status() != 200) {
                error("GET recommendations: " + answer.status() + " " + answer.text());
            }
        }

        private void error(String what) {
            errors.incrementAndGet();
            if (firstError == null) {
                firstError = what;
            }
        }
    }
}
