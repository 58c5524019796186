package io.ecrm.benchmarks.harness;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time spent by each part of the engine between two moments, from the JVM's per-thread CPU
 * clocks, grouped by thread name. On a shared machine a rate depends on what else runs; the CPU
 * time a part needs per event does much less, so it says where the time goes and what the parts
 * could reach on cores of their own. Threads that end between the two moments are not counted
 * (the harness keeps its own threads alive); {@link #OTHER} is the process's CPU time beyond its
 * Java threads.
 */
final class CpuMeter {
    /** The parts, by a fragment of their thread names, most specific first. */
    private static final String[][] PARTS = {
        {"-StreamThread-", "-producer", "Streams: producer I/O (changelogs, transactions)"},
        {"GlobalStreamThread", null, "Streams: global stores"},
        {"-StreamThread-", null, CpuMeter.STREAM_THREADS},
        {"kafka-producer-network-thread", null, "event producer I/O"},
        {"qtp", null, "HTTP (Jetty threads)"},
        {"JettyServerThreadPool", null, "HTTP (Jetty threads)"},
        {"bench-", null, CpuMeter.GENERATOR},
    };
    static final String GENERATOR = "load generator";
    static final String STREAM_THREADS = "Streams: stream threads (processing)";
    static final String BROKER = "Kafka broker (and other engine threads)";
    static final String OTHER = "native and JVM threads (RocksDB flushes and compactions, JIT, GC)";

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Map<Long, Long> startByThread = new HashMap<>();
    private final long processStart;

    /** Starts measuring now. */
    CpuMeter() {
        threads.setThreadCpuTimeEnabled(true);
        for (long id : threads.getAllThreadIds()) {
            startByThread.put(id, Math.max(0, threads.getThreadCpuTime(id)));
        }
        processStart = processCpuNanos();
    }

    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : 0;
    }

    /** CPU seconds of each part since this meter started, largest first, with the process total under "total". */
    Map<String, Double> secondsByPart() {
        Map<String, Long> nanos = new HashMap<>();
        long javaThreads = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long now = threads.getThreadCpuTime(info.getThreadId());
            if (now < 0) {
                continue;
            }
            long spent = now - startByThread.getOrDefault(info.getThreadId(), 0L);
            javaThreads += spent;
            nanos.merge(partOf(info.getThreadName()), spent, Long::sum);
        }
        long total = processCpuNanos() - processStart;
        nanos.merge(OTHER, Math.max(0, total - javaThreads), Long::sum);
        Map<String, Double> seconds = new LinkedHashMap<>();
        nanos.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                .forEach(e -> seconds.put(e.getKey(), e.getValue() / 1e9));
        seconds.put("total", total / 1e9);
        return seconds;
    }

    static String partOf(String thread) {
        for (String[] part : PARTS) {
            if (thread.contains(part[0]) && (part[1] == null || thread.contains(part[1]))) {
                return part[2];
            }
        }
        // the embedded broker's threads: request handlers, network, log, raft, coordinators, schedulers
        return thread.equals("main") ? GENERATOR : BROKER;
    }
}
