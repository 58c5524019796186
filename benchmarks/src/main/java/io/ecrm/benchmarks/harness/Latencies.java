package io.ecrm.benchmarks.harness;

import org.HdrHistogram.Histogram;

/**
 * Latencies in microseconds (1 us to 10 minutes, three significant digits), recorded by one thread
 * and merged afterwards.
 */
final class Latencies {
    private final Histogram histogram = new Histogram(600_000_000L, 3);

    void recordNanos(long nanos) {
        histogram.recordValue(Math.max(1, Math.min(nanos / 1_000, histogram.getHighestTrackableValue())));
    }

    void add(Latencies other) {
        histogram.add(other.histogram);
    }

    long count() {
        return histogram.getTotalCount();
    }

    /** The given percentile (0-100) in milliseconds; NaN when nothing was recorded. */
    double millis(double percentile) {
        return count() == 0 ? Double.NaN : histogram.getValueAtPercentile(percentile) / 1_000.0;
    }

    double maxMillis() {
        return count() == 0 ? Double.NaN : histogram.getMaxValue() / 1_000.0;
    }

    void reset() {
        histogram.reset();
    }
}
