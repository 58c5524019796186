package io.ecrm.serving.stats;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Request latencies in buckets a quarter of an octave wide (each about 19% wider than the one
 * before), from a microsecond to about half a minute: recording is one atomic increment, and a
 * percentile read from it is within a bucket's width of the true one.
 */
public final class LatencyHistogram {
    static final int BUCKETS = 100;
    private static final int PER_OCTAVE = 4;

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);

    static int bucket(long nanos) {
        double micros = Math.max(1.0, nanos / 1e3);
        return (int) Math.min(BUCKETS - 1, Math.floor(Math.log(micros) / Math.log(2) * PER_OCTAVE));
    }

    /** The middle (geometric) of a bucket, milliseconds. */
    static double middleMillis(int bucket) {
        return Math.pow(2, (bucket + 0.5) / PER_OCTAVE) / 1e3;
    }

    public void record(long nanos) {
        counts.incrementAndGet(bucket(nanos));
    }

    public long count() {
        long n = 0;
        for (int i = 0; i < BUCKETS; i++) {
            n += counts.get(i);
        }
        return n;
    }

    /** The latency at or under which {@code percent}% of the recorded ones fall, milliseconds; NaN when empty. */
    public double percentileMillis(double percent) {
        long total = count();
        if (total == 0) {
            return Double.NaN;
        }
        long rank = (long) Math.ceil(percent / 100.0 * total);
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts.get(i);
            if (seen >= Math.max(1, rank)) {
                return middleMillis(i);
            }
        }
        return middleMillis(BUCKETS - 1);
    }

    void clear() {
        for (int i = 0; i < BUCKETS; i++) {
            counts.set(i, 0);
        }
    }
}
