package io.ecrm.serving.stats;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** What one tenant's traffic did in one minute on this instance; reused for a later minute once an hour has passed. */
final class StatsMinute {
    /** One route's requests in the minute. */
    static final class RouteMinute {
        final LongAdder requests = new LongAdder();
        final LongAdder clientErrors = new LongAdder();
        final LongAdder serverErrors = new LongAdder();
        final LatencyHistogram latency = new LatencyHistogram();
    }

    volatile long startMillis = Long.MIN_VALUE;
    final LongAdder eventsAccepted = new LongAdder();
    final Map<String, LongAdder> eventsRefused = new ConcurrentHashMap<>();
    final LongAdder eventsClean = new LongAdder();
    final Map<String, LongAdder> eventsRejected = new ConcurrentHashMap<>();
    final Map<String, RouteMinute> routes = new ConcurrentHashMap<>();
    final Map<String, LongAdder> quotaRefused = new ConcurrentHashMap<>();
    /** The largest lag sampled in the minute; -1 when none was. */
    final AtomicLong lag = new AtomicLong(-1);

    void reset(long start) {
        eventsAccepted.reset();
        eventsRefused.clear();
        eventsClean.reset();
        eventsRejected.clear();
        routes.clear();
        quotaRefused.clear();
        lag.set(-1);
        startMillis = start;
    }

    static Map<String, Long> sums(Map<String, LongAdder> counts) {
        Map<String, Long> sums = new TreeMap<>();
        counts.forEach((reason, n) -> sums.put(reason, n.sum()));
        return sums;
    }
}
