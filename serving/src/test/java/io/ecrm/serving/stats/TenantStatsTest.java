package io.ecrm.serving.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TenantStatsTest {
    private static final long T0 = 1_796_600_000_000L - 1_796_600_000_000L % 60_000; // a minute's start

    @Test
    void percentilesAreWithinABucketOfTheTrueOnes() {
        LatencyHistogram histogram = new LatencyHistogram();
        Random random = new Random(7);
        double[] millis = new double[10_000];
        for (int i = 0; i < millis.length; i++) {
            millis[i] = Math.exp(random.nextGaussian()); // log-normal around 1 ms
            histogram.record((long) (millis[i] * 1e6));
        }
        java.util.Arrays.sort(millis);
        for (double p : new double[] {50, 90, 99}) {
            double truth = millis[(int) Math.ceil(p / 100 * millis.length) - 1];
            double estimate = histogram.percentileMillis(p);
            assertTrue(estimate / truth < 1.2 && truth / estimate < 1.2, "p" + p + ": " + estimate + " for " + truth);
        }
        assertEquals(10_000, histogram.count());
        assertTrue(Double.isNaN(new LatencyHistogram().percentileMillis(50)));
    }

    @Test
    void eachMinuteCountsItsOwnAndAnHourLaterTheSlotStartsAgain() {
        TenantStats stats = new TenantStats();
        stats.eventsAccepted(10, T0 + 1_000);
        stats.eventRejected("bot", T0 + 2_000);
        stats.eventClean(T0 + 3_000);
        stats.request("GET /v1/x", 200, 2_000_000, T0 + 4_000);
        stats.request("GET /v1/x", 404, 1_000_000, T0 + 5_000);
        stats.request("GET /v1/x", 503, 1_000_000, T0 + 6_000);
        stats.lag(5, T0 + 7_000);
        stats.lag(3, T0 + 8_000);
        stats.eventsAccepted(4, T0 + 61_000);
        stats.eventsRefused("invalid", 2, T0 + 62_000);
        stats.quotaRefused("requests", T0 + 63_000);
        stats.quotaRefused("requests", T0 + 64_000);

        List<TenantStats.Minute> last = stats.last(3, T0 + 65_000);
        assertEquals(3, last.size());
        assertEquals(0, last.get(0).eventsAccepted(), "a minute without traffic is zeros");
        assertNull(last.get(0).lag());
        TenantStats.Minute first = last.get(1);
        assertEquals(java.time.Instant.ofEpochMilli(T0).toString(), first.start());
        assertEquals(10, first.eventsAccepted());
        assertEquals(Map.of("bot", 1L), first.eventsRejected());
        assertEquals(1, first.eventsClean());
        assertEquals(5L, first.lag(), "the largest lag sampled");
        TenantStats.RouteFigures x = first.routes().get("GET /v1/x");
        assertEquals(3, x.requests());
        assertEquals(1, x.clientErrors());
        assertEquals(1, x.serverErrors());
        assertTrue(x.p99Millis() > 1.5 && x.p50Millis() < 1.2, x.toString());
        assertEquals(4, last.get(2).eventsAccepted(), "the current minute so far");
        assertEquals(Map.of("invalid", 2L), last.get(2).eventsRefused());
        assertEquals(Map.of("requests", 2L), last.get(2).quotaRefused());
        assertEquals(Map.of(), first.quotaRefused());

        stats.eventsAccepted(1, T0 + 3_600_000 + 500); // the same slot of the ring, an hour later
        List<TenantStats.Minute> hourLater = stats.last(60, T0 + 3_600_000 + 600);
        assertEquals(1, hourLater.get(59).eventsAccepted(), "the slot starts again, without the hour-old counts");
        assertEquals(4, hourLater.get(0).eventsAccepted(), "the minute an hour and one back is gone, the next is kept");
        assertEquals(60, stats.last(500, T0).size(), "at most an hour");
    }
}
