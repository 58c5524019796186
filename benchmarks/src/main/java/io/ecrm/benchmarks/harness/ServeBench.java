package io.ecrm.benchmarks.harness;

import io.ecrm.recommender.VisitorHistory;
import io.ecrm.serving.TenantEngine;
import io.ecrm.serving.tenants.Quota;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench serve}: recommendation requests/s and latency against the HTTP stack's own ceiling.
 * A fresh engine is seeded with generated shop traffic over HTTP and waited for until its stores
 * have counted all of it. Then, at each concurrency level, closed-loop clients (one keep-alive
 * connection each, the next request as soon as the answer is in) ask
 * {@code GET /v1/customers/{id}/recommendations?count=10} with the tenant's key for visitors drawn
 * uniformly from the population (most known, some not), and then {@code GET /health/live} of the
 * same server, the trivial route that measures the HTTP stack alone. Last, recommendations at half
 * the best measured rate, open loop: requests leave on a fixed schedule and each latency counts
 * from its scheduled time, so a stall is not hidden by the requests it delayed.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Recommendation requests/s and p50/p99/p999 beside a trivial route of the same server; p99 at half load.")
final class ServeBench implements Callable<Integer> {
    @Mixin
    RunOptions run;

    @Option(names = "--levels", split = ",", defaultValue = "1,2,4,8,16",
            description = "Concurrent clients of each closed-loop step (default: ${DEFAULT-VALUE}).")
    List<Integer> levels;

    @Option(names = "--seconds", defaultValue = "10", description = "Measured time of each step (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--warmup-seconds", defaultValue = "3", description = "Unmeasured time before each step (default: ${DEFAULT-VALUE}).")
    int warmupSeconds;

    @Option(names = "--half-load-seconds", defaultValue = "20",
            description = "Measured time of the open-loop run at half the best rate (default: ${DEFAULT-VALUE}).")
    int halfLoadSeconds;

    @Option(names = "--noisy-tenant", description = "Also run the half-load step again while a second tenant, held to "
            + "its quota (--noisy-quota requests/s), floods the engine at --noisy-rate from --noisy-clients connections; "
            + "report the first tenant's p99 beside its quiet p99.")
    boolean noisyTenant;

    @Option(names = "--noisy-quota", defaultValue = "500", description = "The noisy tenant's quota, requests/s (default: ${DEFAULT-VALUE}).")
    double noisyQuota;

    @Option(names = "--noisy-clients", defaultValue = "4", description = "Connections the noisy tenant floods from (default: ${DEFAULT-VALUE}).")
    int noisyClients;

    @Option(names = "--noisy-rate", defaultValue = "2000", description = "Requests/s the noisy tenant sends, on a fixed schedule: "
            + "past its quota (default: ${DEFAULT-VALUE}).")
    double noisyRate;

    @Option(names = "--noisy-load", defaultValue = "0.25",
            description = "The quiet tenant's rate in the noisy-neighbour rounds, as a fraction of the best recommendation rate "
                    + "(default: ${DEFAULT-VALUE}: the generator and the server share two cores, and at half the best rate "
                    + "they are nearly all busy before any flood).")
    double noisyLoad;

    @Option(names = "--noisy-rounds", defaultValue = "3",
            description = "Rounds of a quiet and a flooded half-load step each; medians are compared (default: ${DEFAULT-VALUE}).")
    int noisyRounds;

    @Option(names = "--seed-events", defaultValue = "200000", description = "Events the engine learns from first (default: ${DEFAULT-VALUE}).")
    int seedEvents;

    @Option(names = "--items", defaultValue = "10000", description = "Catalogue size (default: ${DEFAULT-VALUE}).")
    int items;

    @Option(names = "--visitors", defaultValue = "20000", description = "Visitor population (default: ${DEFAULT-VALUE}).")
    int visitors;

    @Option(names = "--seed-seconds", defaultValue = "300",
            description = "Longest time to seed and wait for the stores (default: ${DEFAULT-VALUE}).")
    int seedSeconds;

    @Spec
    CommandSpec spec;

    static final String RECOMMENDATIONS = "recommendations";
    static final String TRIVIAL = "health/live";

    @Override
    public Integer call() throws Exception {
        if (levels.isEmpty() || levels.stream().anyMatch(l -> l < 1) || seconds < 1 || warmupSeconds < 0
                || halfLoadSeconds < 1 || seedEvents < 1 || visitors < 1 || noisyRounds < 1
                || !(noisyLoad > 0 && noisyLoad <= 1)) {
            throw new IllegalArgumentException("levels, seconds, seed events, visitors and noisy rounds must be positive, --noisy-load in (0, 1]");
        }
        Report report = new Report(spec);
        run.describe(report);
        report.setting("levels", levels);
        report.setting("seconds", seconds);
        report.setting("warmupSeconds", warmupSeconds);
        report.setting("seedEvents", seedEvents);
        report.setting("items", items);
        report.setting("visitors", visitors);
        try (BenchEngine engine = noisyTenant
                ? BenchEngine.start(run.workDir, run.streams(), new Quota(noisyQuota, 0))
                : BenchEngine.start(run.workDir, run.streams())) {
            ShopTraffic traffic = Seeding.seed(engine, run.seed, items, visitors, seedEvents, seedSeconds, run.impressions);
            Report.Table table = report.table("Closed loop: requests/s and latency by concurrent clients",
                    new Report.Column("clients", "clients", "%d"),
                    new Report.Column("route", "route", null),
                    new Report.Column("requestsPerSecond", "requests/s", "%,.0f"),
                    new Report.Column("p50Millis", "p50 ms", "%.3f"),
                    new Report.Column("p99Millis", "p99 ms", "%.3f"),
                    new Report.Column("p999Millis", "p99.9 ms", "%.3f"),
                    new Report.Column("errors", "errors", "%,d"),
                    new Report.Column("ofTrivial", "of trivial", "%.2f"),
                    new Report.Column("serverCpuMicrosPerRequest", "server CPU us/request", "%.0f"),
                    new Report.Column("generatorCpuMicrosPerRequest", "generator CPU us/request", "%.0f"));
            double bestRecommendations = 0;
            double bestTrivial = 0;
            long errors = 0;
            for (int level : levels) {
                Step recommend = closedLoop(engine, traffic, RECOMMENDATIONS, level);
                Step trivial = closedLoop(engine, traffic, TRIVIAL, level);
                double ratio = recommend.perSecond() / trivial.perSecond();
                table.add(level, "GET /v1/customers/{id}/recommendations", recommend.perSecond(),
                        recommend.latencies.millis(50), recommend.latencies.millis(99), recommend.latencies.millis(99.9),
                        recommend.errors, ratio, recommend.serverCpuMicros(), recommend.generatorCpuMicros());
                table.add(level, "GET /health/live (trivial)", trivial.perSecond(), trivial.latencies.millis(50),
                        trivial.latencies.millis(99), trivial.latencies.millis(99.9), trivial.errors, 1.0,
                        trivial.serverCpuMicros(), trivial.generatorCpuMicros());
                Progress.say("%d clients: recommendations %,.0f/s (p99 %.2f ms), trivial %,.0f/s (p99 %.2f ms)", level,
                        recommend.perSecond(), recommend.latencies.millis(99), trivial.perSecond(), trivial.latencies.millis(99));
                bestRecommendations = Math.max(bestRecommendations, recommend.perSecond());
                bestTrivial = Math.max(bestTrivial, trivial.perSecond());
                errors += recommend.errors + trivial.errors;
            }
            Report.Table parts = report.table("In process, one thread, no HTTP: what a recommendation's parts cost",
                    new Report.Column("part", "part", null),
                    new Report.Column("calls", "calls", "%,d"),
                    new Report.Column("microsPerCall", "us per call", "%.1f"),
                    new Report.Column("p50Micros", "p50 us", "%.1f"),
                    new Report.Column("p99Micros", "p99 us", "%.1f"),
                    new Report.Column("allocatedBytesPerCall", "allocated bytes per call", "%,.0f"));
            Part recommendation = inProcess(engine, traffic, parts);
            double half = bestRecommendations / 2;
            Step open = openLoop(engine, traffic, half, Math.max(levels.stream().mapToInt(Integer::intValue).max().orElse(8), 8));
            Report.Table halfTable = report.table("Open loop at half the best recommendation rate",
                    new Report.Column("targetPerSecond", "target requests/s", "%,.0f"),
                    new Report.Column("requestsPerSecond", "sent requests/s", "%,.0f"),
                    new Report.Column("p50Millis", "p50 ms", "%.3f"),
                    new Report.Column("p99Millis", "p99 ms", "%.3f"),
                    new Report.Column("p999Millis", "p99.9 ms", "%.3f"),
                    new Report.Column("maxMillis", "max ms", "%.3f"),
                    new Report.Column("errors", "errors", "%,d"),
                    new Report.Column("gcPauses", "GC pauses", "%,d"),
                    new Report.Column("gcPauseMillis", "GC pause ms (sum)", "%,.0f"));
            halfTable.add(half, open.perSecond(), open.latencies.millis(50), open.latencies.millis(99),
                    open.latencies.millis(99.9), open.latencies.maxMillis(), open.errors, open.gc.pauses(), open.gc.millis());
            errors += open.errors;
            if (noisyTenant) {
                noisyNeighbour(engine, traffic, bestRecommendations * noisyLoad, report);
            }
            double ratio = bestRecommendations / bestTrivial;
            report.target("recommendations >= 0.5 of the trivial route's requests/s (best level of each)", "0.50",
                    String.format("%.2f (%,.0f vs %,.0f requests/s)", ratio, bestRecommendations, bestTrivial), ratio >= 0.5);
            double p99 = open.latencies.millis(99);
            report.target("p99 < 5 ms at half load", "5 ms", String.format("%.2f ms at %,.0f requests/s", p99, open.perSecond()),
                    p99 < 5.0 && open.errors == 0);
            report.target("in process: p50 <= 40 us per recommendation", "40 us",
                    String.format("%.1f us", recommendation.p50Micros()), recommendation.p50Micros() <= 40);
            report.target("in process: p99 <= 150 us per recommendation", "150 us",
                    String.format("%.1f us", recommendation.p99Micros()), recommendation.p99Micros() <= 150);
            report.target("allocation <= 2 KB per recommendation (in process)", "2,048 B",
                    String.format("%,.0f B", recommendation.allocatedBytes()), recommendation.allocatedBytes() <= 2048);
            report.summary("recommendationsOfTrivial", ratio);
            report.summary("p99MillisAtHalfLoad", open.errors == 0 ? p99 : null);
            report.summary("inProcessP50Micros", recommendation.p50Micros());
            report.summary("inProcessP99Micros", recommendation.p99Micros());
            report.summary("allocatedBytesPerRequest", recommendation.allocatedBytes());
            report.note("The load generator runs in the engine's process and on the same cores: what it spends is not "
                    + "available to the server, for both routes alike. Server CPU is the process's CPU time (all threads "
                    + "but the generator's: Jetty, Streams, broker, JIT, GC) per request. Errors (non-200 answers or "
                    + "broken connections): " + errors + ".");
        }
        report.publish(run.json, run.markdown);
        return 0;
    }

    /** What one step measured; the CPU seconds of each part over the measured time; the collector's pauses in it. */
    record Step(long requests, double seconds, long errors, Latencies latencies, Map<String, Double> cpu, GcPauses gc) {
        double perSecond() {
            return requests / seconds;
        }

        /** CPU time of the whole process per request, but for the load generator's threads. */
        double serverCpuMicros() {
            return (cpu.get("total") - cpu.getOrDefault(CpuMeter.GENERATOR, 0.0)) * 1e6 / requests;
        }

        /** Cores the process kept busy, but for the load generator's threads, over the measured time. */
        double serverCores() {
            return (cpu.get("total") - cpu.getOrDefault(CpuMeter.GENERATOR, 0.0)) / seconds;
        }

        double generatorCpuMicros() {
            return cpu.getOrDefault(CpuMeter.GENERATOR, 0.0) * 1e6 / requests;
        }
    }

    private static String target(String route, ShopTraffic traffic, Random random) {
        return route.equals(TRIVIAL) ? "/health/live"
                : "/v1/customers/" + traffic.visitorId(random.nextInt(traffic.visitors())) + "/recommendations?count=10";
    }

    private Step closedLoop(BenchEngine engine, ShopTraffic traffic, String route, int clients) throws Exception {
        ExecutorService pool = LoadThreads.pool(clients, "closed-loop");
        long warmupEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(warmupSeconds);
        long end = warmupEnd + TimeUnit.SECONDS.toNanos(seconds);
        List<Future<long[]>> running = new ArrayList<>();
        List<Latencies> latencies = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Latencies mine = new Latencies();
            latencies.add(mine);
            Random random = new Random(run.seed * 31 + c);
            running.add(pool.submit(() -> {
                long requests = 0;
                long errors = 0;
                try (LoopbackClient client = engine.client()) {
                    for (long now = System.nanoTime(); now < end; now = System.nanoTime()) {
                        String path = target(route, traffic, random);
                        boolean ok;
                        try {
                            ok = client.get(path).status() == 200;
                        } catch (IOException e) {
                            ok = false;
                        }
                        long done = System.nanoTime();
                        if (now >= warmupEnd) {
                            mine.recordNanos(done - now);
                            requests++;
                            errors += ok ? 0 : 1;
                        }
                    }
                }
                return new long[] {requests, errors};
            }));
        }
        return measured(pool, running, latencies, warmupEnd, seconds);
    }

    /**
     * Times the parts of a recommendation in process, each for {@code seconds} on this thread, for
     * visitors drawn as the HTTP clients draw them: the whole answer, the visitor's history alone, and
     * the neighbour lists of the visitor's recent items alone.
     */
    private Part inProcess(BenchEngine engine, ShopTraffic traffic, Report.Table parts) {
        TenantEngine tenant = engine.tenant();
        int queryItems = engine.settings().recommender().queryItems();
        List<String> visitors = new ArrayList<>();
        Random random = new Random(run.seed * 43);
        for (int i = 0; i < 4096; i++) {
            visitors.add(traffic.visitorId(random.nextInt(traffic.visitors())));
        }
        long[] sink = {0};
        Part recommendation = time(parts, "TenantEngine.recommend: history, neighbour lists, blend, top 10", visitors,
                id -> sink[0] += tenant.recommend(id, 10).size());
        time(parts, "visitor history lookup (TenantEngine.history)", visitors,
                id -> sink[0] += tenant.history(id).map(h -> h.recent().size()).orElse(0));
        List<List<String>> recent = new ArrayList<>();
        for (String id : visitors) {
            List<String> items = tenant.history(id).map(VisitorHistory::recentItemIds).orElse(List.of());
            recent.add(items.subList(0, Math.min(queryItems, items.size())));
        }
        int[] next = {0};
        time(parts, "neighbour lists of the recent items (TenantStreams.neighbours, up to " + queryItems + " reads)", visitors,
                id -> recent.get(next[0]++ & 4095).forEach(item -> sink[0] += tenant.streams().neighbours(item).neighbours().size()));
        Progress.say("in process: recommendation p50 %.1f us, p99 %.1f us, %,.0f bytes allocated (%d)",
                recommendation.p50Micros(), recommendation.p99Micros(), recommendation.allocatedBytes(),
                sink[0] & 1); // the sink keeps the answers from being optimised away
        return recommendation;
    }

    /** One part timed in process: its latency per call and the bytes the calling thread allocated per call. */
    record Part(double p50Micros, double p99Micros, double allocatedBytes) {
    }

    private Part time(Report.Table parts, String name, List<String> visitors, java.util.function.Consumer<String> call) {
        long warmupEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(warmupSeconds);
        for (int i = 0; System.nanoTime() < warmupEnd; i++) {
            call.accept(visitors.get(i & 4095));
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        Latencies latencies = new Latencies();
        long allocatedBefore = threads.getThreadAllocatedBytes(thread);
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        long calls = 0;
        for (long now = start; now < end; ) {
            call.accept(visitors.get((int) (calls++ & 4095)));
            long done = System.nanoTime();
            latencies.recordNanos(done - now);
            now = done;
        }
        // the latencies' own recording allocates nothing once its buckets exist
        double allocated = (double) (threads.getThreadAllocatedBytes(thread) - allocatedBefore) / calls;
        Part part = new Part(latencies.millis(50) * 1e3, latencies.millis(99) * 1e3, allocated);
        parts.add(name, calls, (System.nanoTime() - start) / 1e3 / calls, part.p50Micros(), part.p99Micros(), allocated);
        return part;
    }

    /**
     * An open-loop step at {@code perSecond}, while the noisy tenant floods the engine with recommendation requests
     * at {@code --noisy-rate}, past its quota: most get a 429 once its bucket is empty, which must cost
     * the quiet tenant little. (An unbounded closed-loop flood from this process would take the cores
     * from the quiet tenant's load generator itself, on the same two cores, and measure that.) Quiet
     * and flooded steps alternate for {@code --noisy-rounds} rounds, and the target compares their
     * median p99s: on shared cores one step's p99 moves by more than the flood does.
     */
    private void noisyNeighbour(BenchEngine engine, ShopTraffic traffic, double perSecond, Report report)
            throws Exception {
        int workers = Math.max(levels.stream().mapToInt(Integer::intValue).max().orElse(8), 8);
        Report.Table table = report.table(String.format("Noisy neighbour: %,.0f recommendation requests/s (%.2f of the best rate), "
                        + "quiet and while another tenant floods past its quota", perSecond, noisyLoad),
                new Report.Column("step", "step", null),
                new Report.Column("p50Millis", "p50 ms", "%.3f"),
                new Report.Column("p99Millis", "p99 ms", "%.3f"),
                new Report.Column("errors", "errors", "%,d"),
                new Report.Column("serverCores", "server CPU (cores)", "%.2f"),
                new Report.Column("noisyServedPerSecond", "noisy tenant served/s", "%,.0f"),
                new Report.Column("noisyRefusedPerSecond", "noisy tenant refused (429)/s", "%,.0f"));
        String flooded = String.format("flooded: another tenant sends %,.0f/s against its quota of %,.0f/s", noisyRate, noisyQuota);
        List<Double> quietP99 = new ArrayList<>();
        List<Double> noisyP99 = new ArrayList<>();
        long errors = 0;
        long other = 0;
        for (int round = 1; round <= noisyRounds; round++) {
            Step quiet = openLoop(engine, traffic, perSecond, workers);
            table.add("round " + round + ", quiet", quiet.latencies.millis(50), quiet.latencies.millis(99), quiet.errors,
                    quiet.serverCores(), 0.0, 0.0);
            quietP99.add(quiet.latencies.millis(99));
            Flood flood = new Flood(engine);
            Step noisy;
            long[] counts;
            try {
                noisy = openLoop(engine, traffic, perSecond, workers);
            } finally {
                counts = flood.stop();
            }
            double floodSeconds = flood.seconds();
            table.add("round " + round + ", " + flooded, noisy.latencies.millis(50), noisy.latencies.millis(99), noisy.errors,
                    noisy.serverCores(), counts[0] / floodSeconds, counts[1] / floodSeconds);
            noisyP99.add(noisy.latencies.millis(99));
            errors += quiet.errors + noisy.errors;
            other += counts[2];
        }
        double quiet = median(quietP99);
        double noisy = median(noisyP99);
        report.target("a tenant's p99 while another floods past its quota <= 1.5x its quiet p99 (medians of the rounds)", "1.5x",
                String.format("%.2f ms against %.2f ms quiet: %.2fx", noisy, quiet, noisy / quiet),
                noisy <= 1.5 * quiet && errors == 0);
        report.summary("noisyNeighbourP99Ratio", errors == 0 ? noisy / quiet : null);
        report.note("Noisy tenant: " + other + " answers neither 200 nor 429.");
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /**
     * The noisy tenant's recommendation requests at {@code --noisy-rate} on a fixed schedule over
     * {@code --noisy-clients} connections, from construction until {@link #stop}.
     */
    private final class Flood {
        private final ExecutorService pool = LoadThreads.pool(noisyClients, "noisy");
        private final java.util.concurrent.atomic.AtomicBoolean stopped = new java.util.concurrent.atomic.AtomicBoolean();
        private final List<Future<long[]>> clients = new ArrayList<>();
        private final long started = System.nanoTime();
        private long ended;

        Flood(BenchEngine engine) {
            long interval = (long) (1e9 * noisyClients / noisyRate);
            for (int c = 0; c < noisyClients; c++) {
                int client = c;
                long first = started + c * interval / noisyClients;
                clients.add(pool.submit(() -> send(engine, client, first, interval)));
            }
        }

        private long[] send(BenchEngine engine, int client, long first, long interval) throws Exception {
            long[] counts = new long[3]; // served, refused, other
            try (LoopbackClient noisy = engine.noisyClient()) {
                long scheduled = first;
                for (long n = 0; !stopped.get(); n++, scheduled += interval) {
                    long wait = scheduled - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                    int status;
                    try {
                        status = noisy.get("/v1/customers/flood-" + client + "-" + (n % 1000) + "/recommendations?count=10").status();
                    } catch (IOException e) {
                        status = -1;
                    }
                    counts[status == 200 ? 0 : status == 429 ? 1 : 2]++;
                }
            }
            return counts;
        }

        /** Stops the flood: {served, refused, other answers} over its time. */
        long[] stop() throws Exception {
            stopped.set(true);
            long[] total = new long[3];
            for (Future<long[]> f : clients) {
                long[] r = f.get();
                for (int i = 0; i < 3; i++) {
                    total[i] += r[i];
                }
            }
            ended = System.nanoTime();
            pool.shutdown();
            return total;
        }

        double seconds() {
            return (ended - started) / 1e9;
        }
    }

    /** Recommendation requests on a fixed schedule at {@code perSecond}, spread over {@code workers} connections. */
    private Step openLoop(BenchEngine engine, ShopTraffic traffic, double perSecond, int workers) throws Exception {
        ExecutorService pool = LoadThreads.pool(workers, "open-loop");
        long intervalNanos = (long) (1e9 * workers / perSecond);
        long start = System.nanoTime() + TimeUnit.SECONDS.toNanos(warmupSeconds);
        long end = start + TimeUnit.SECONDS.toNanos(halfLoadSeconds);
        List<Future<long[]>> running = new ArrayList<>();
        List<Latencies> latencies = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            Latencies mine = new Latencies();
            latencies.add(mine);
            Random random = new Random(run.seed * 37 + w);
            // workers are staggered so that requests leave evenly, not in bursts of `workers`
            long first = System.nanoTime() + w * intervalNanos / workers;
            running.add(pool.submit(() -> {
                long requests = 0;
                long errors = 0;
                try (LoopbackClient client = engine.client()) {
                    for (long scheduled = first; scheduled < end; scheduled += intervalNanos) {
                        long wait = scheduled - System.nanoTime();
                        if (wait > 0) {
                            TimeUnit.NANOSECONDS.sleep(wait);
                        }
                        boolean ok;
                        try {
                            ok = client.get(target(RECOMMENDATIONS, traffic, random)).status() == 200;
                        } catch (IOException e) {
                            ok = false;
                        }
                        if (scheduled >= start) {
                            mine.recordNanos(System.nanoTime() - scheduled);
                            requests++;
                            errors += ok ? 0 : 1;
                        }
                    }
                }
                return new long[] {requests, errors};
            }));
        }
        return measured(pool, running, latencies, start, halfLoadSeconds);
    }

    /**
     * The step of load workers that each answer {requests, errors} and record their own latencies:
     * CPU time counted from {@code measuredFromNanos} (the end of the warm-up) until every worker is done.
     */
    private static Step measured(ExecutorService pool, List<Future<long[]>> running, List<Latencies> latencies,
                                 long measuredFromNanos, double seconds) throws Exception {
        TimeUnit.NANOSECONDS.sleep(Math.max(0, measuredFromNanos - System.nanoTime()));
        CpuMeter cpu = new CpuMeter();
        GcPauses gcBefore = GcPauses.now();
        long requests = 0;
        long errors = 0;
        for (Future<long[]> f : running) {
            long[] r = f.get();
            requests += r[0];
            errors += r[1];
        }
        Map<String, Double> spent = cpu.secondsByPart();
        GcPauses gc = GcPauses.now().since(gcBefore);
        pool.shutdown();
        Latencies all = new Latencies();
        latencies.forEach(all::add);
        return new Step(requests, seconds, errors, all, spent, gc);
    }

    /** The collectors' pauses so far (count and total time, all collectors), or between two readings. */
    record GcPauses(long pauses, double millis) {
        static GcPauses now() {
            long count = 0;
            long millis = 0;
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                count += Math.max(0, gc.getCollectionCount());
                millis += Math.max(0, gc.getCollectionTime());
            }
            return new GcPauses(count, millis);
        }

        GcPauses since(GcPauses before) {
            return new GcPauses(pauses - before.pauses, millis - before.millis);
        }
    }
}
