package io.ecrm.serving.stats;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * One tenant's per-minute series over the last hour, as this instance saw them: events accepted
 * by the API and refused by reason, events the cleaning stage passed and rejected by reason, the
 * largest Streams lag sampled, each route's requests, errors and p50 / p99 latency, and requests
 * and events refused for the tenant's quota (those never reach a route). Kept in
 * memory (sixty minutes, a ring), so a restart starts them again.
 */
public final class TenantStats {
    /** Minutes kept. */
    public static final int MINUTES = 60;
    private static final long MINUTE_MILLIS = 60_000;

    /** One route's figures in a minute. */
    public record RouteFigures(long requests, long clientErrors, long serverErrors, Double p50Millis, Double p99Millis) {
    }

    /** One minute's figures; {@code lag} null when none was sampled. */
    public record Minute(String start, long eventsAccepted, Map<String, Long> eventsRefused, long eventsClean,
                         Map<String, Long> eventsRejected, Long lag, Map<String, RouteFigures> routes,
                         Map<String, Long> quotaRefused) {
    }

    private final StatsMinute[] ring = new StatsMinute[MINUTES];

    public TenantStats() {
        for (int i = 0; i < MINUTES; i++) {
            ring[i] = new StatsMinute();
        }
    }

    private StatsMinute at(long nowMillis) {
        long start = Math.floorDiv(nowMillis, MINUTE_MILLIS) * MINUTE_MILLIS;
        StatsMinute minute = ring[(int) Math.floorMod(start / MINUTE_MILLIS, MINUTES)];
        if (minute.startMillis != start) {
            synchronized (minute) {
                if (minute.startMillis < start) {
                    minute.reset(start);
                }
            }
        }
        return minute;
    }

    /** A request answered: {@code route} as its template ({@code GET /v1/customers/{id}}). */
    public void request(String route, int status, long nanos, long nowMillis) {
        StatsMinute.RouteMinute r = at(nowMillis).routes.computeIfAbsent(route, k -> new StatsMinute.RouteMinute());
        r.requests.increment();
        if (status >= 500) {
            r.serverErrors.increment();
        } else if (status >= 400) {
            r.clientErrors.increment();
        }
        r.latency.record(nanos);
    }

    public void eventsAccepted(int events, long nowMillis) {
        at(nowMillis).eventsAccepted.add(events);
    }

    public void eventsRefused(String reason, int events, long nowMillis) {
        at(nowMillis).eventsRefused.computeIfAbsent(reason, k -> new LongAdder()).add(events);
    }

    public void eventClean(long nowMillis) {
        at(nowMillis).eventsClean.increment();
    }

    public void eventRejected(String reason, long nowMillis) {
        at(nowMillis).eventsRejected.computeIfAbsent(reason, k -> new LongAdder()).increment();
    }

    /** A request ({@code requests}) or a batch of events ({@code events}) refused for the tenant's quota. */
    public void quotaRefused(String quota, long nowMillis) {
        at(nowMillis).quotaRefused.computeIfAbsent(quota, k -> new LongAdder()).increment();
    }

    /** A sample of the tenant's Streams lag, records. */
    public void lag(long records, long nowMillis) {
        at(nowMillis).lag.accumulateAndGet(records, Math::max);
    }

    /** The last {@code minutes} minutes, oldest first, the current one last (so far); minutes without traffic as zeros. */
    public List<Minute> last(int minutes, long nowMillis) {
        long current = Math.floorDiv(nowMillis, MINUTE_MILLIS) * MINUTE_MILLIS;
        int n = Math.max(1, Math.min(MINUTES, minutes));
        List<Minute> series = new ArrayList<>(n);
        for (long start = current - (n - 1) * MINUTE_MILLIS; start <= current; start += MINUTE_MILLIS) {
            StatsMinute m = ring[(int) Math.floorMod(start / MINUTE_MILLIS, MINUTES)];
            series.add(m.startMillis == start ? figures(m, start) : new Minute(Instant.ofEpochMilli(start).toString(), 0,
                    Map.of(), 0, Map.of(), null, Map.of(), Map.of()));
        }
        return series;
    }

    private static Minute figures(StatsMinute m, long start) {
        Map<String, RouteFigures> routes = new TreeMap<>();
        m.routes.forEach((route, r) -> {
            double p50 = r.latency.percentileMillis(50);
            double p99 = r.latency.percentileMillis(99);
            routes.put(route, new RouteFigures(r.requests.sum(), r.clientErrors.sum(), r.serverErrors.sum(),
                    Double.isNaN(p50) ? null : p50, Double.isNaN(p99) ? null : p99));
        });
        long lag = m.lag.get();
        return new Minute(Instant.ofEpochMilli(start).toString(), m.eventsAccepted.sum(), StatsMinute.sums(m.eventsRefused),
                m.eventsClean.sum(), StatsMinute.sums(m.eventsRejected), lag < 0 ? null : lag, routes,
                StatsMinute.sums(m.quotaRefused));
    }
}
