package io.ecrm.benchmarks.harness;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Fills a fresh engine with generated shop traffic over HTTP and waits until its stores have counted all of it. */
final class Seeding {
    private static final int BATCH = 500;

    private Seeding() {
    }

    /**
     * Posts {@code events} events of a seeded shop and waits (at most {@code patienceSeconds} in all)
     * until the item counts hold every one, then for one more neighbour refresh.
     *
     * @return the traffic generator, which names the population's visitors
     */
    static ShopTraffic seed(BenchEngine engine, long seed, int items, int visitors, int events, int patienceSeconds,
                            double impressionShare)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(patienceSeconds);
        long[] clock = {System.currentTimeMillis() - 3_600_000L};
        ShopTraffic traffic = new ShopTraffic(seed, items, visitors, "s", () -> clock[0]++, impressionShare);
        List<EventBatch> batches = new ArrayList<>();
        for (int left = events; left > 0; left -= BATCH) {
            batches.add(EventBatch.next(traffic, Math.min(BATCH, left)));
        }
        double expected = 0;
        long start = System.nanoTime();
        try (LoopbackClient client = engine.client()) {
            for (EventBatch batch : batches) {
                LoopbackClient.Answer answer = client.postJson("/v1/events", batch.body());
                if (answer.status() != 202) {
                    throw new IOException("seeding: a batch was refused: " + answer.status() + " " + answer.text());
                }
                expected += batch.weight();
            }
        }
        Progress.say("seeded %,d events in %.1f s; waiting for the stores", events, (System.nanoTime() - start) / 1e9);
        double counted;
        while ((counted = engine.countedWeight()) < expected) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(String.format("the stores counted %,.0f of %,.0f after %d s", counted,
                        expected, patienceSeconds));
            }
            Thread.sleep(IngestBench.COUNT_POLL_MILLIS);
        }
        Thread.sleep(engine.settings().streams().neighbourRefreshMillis() * 2);
        Progress.say("stores hold the seed after %.1f s", (System.nanoTime() - start) / 1e9);
        awaitQuiet(QUIET_PATIENCE_SECONDS);
        return traffic;
    }

    /** A second in which the engine uses less CPU than this (cores) is quiet. */
    static final double QUIET_CORES = 0.25;
    static final int QUIET_PATIENCE_SECONDS = 90;

    /**
     * Waits (at most {@code patienceSeconds}) for a second in which the process uses less than
     * {@link #QUIET_CORES}: what the seed set going (neighbour lists rescored, their global store
     * and the decoded lists updated, RocksDB compactions) goes on for a while after the stores count
     * every event, and a step measured while it runs would be charged its CPU.
     */
    static void awaitQuiet(int patienceSeconds) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(patienceSeconds);
        Map<String, Double> last = Map.of();
        while (System.nanoTime() < deadline) {
            CpuMeter second = new CpuMeter();
            Thread.sleep(1_000);
            last = second.secondsByPart();
            if (last.getOrDefault("total", 0.0) < QUIET_CORES) {
                Progress.say("engine quiet after %.1f s more", (System.nanoTime() - start) / 1e9);
                return;
            }
        }
        Progress.say("engine still busy after %d s (last second, CPU s by part: %s); measuring anyway", patienceSeconds, last);
    }
}
