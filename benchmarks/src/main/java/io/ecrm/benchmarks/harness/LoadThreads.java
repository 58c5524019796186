package io.ecrm.benchmarks.harness;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** Thread pools of the load generator, named so that {@link CpuMeter} tells their CPU time from the engine's. */
final class LoadThreads {
    private LoadThreads() {
    }

    static ExecutorService pool(int threads, String name) {
        AtomicInteger next = new AtomicInteger();
        return Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "bench-" + name + "-" + next.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }
}
