package io.ecrm.benchmarks.harness;

import java.util.List;
import java.util.Optional;

/**
 * When a soak's per-minute series (heap after GC, state on disk, events not yet counted) counts as
 * growing without bound.
 * The first third of the samples (at least {@value #MIN_WARMUP}) is warm-up and not judged. After it,
 * a series fails when it rose in each of its last {@code k} steps ({@value #STEPS}, or fewer when
 * fewer were judged) and its last sample is more than {@code tolerance} above the sample {@code k}
 * steps before: steady growth with no plateau. A step that does not rise, or a small rise overall,
 * passes: caches fill and compactions come in steps, and a bounded store stops rising.
 */
final class GrowthRule {
    static final int MIN_WARMUP = 2;
    static final int STEPS = 4;

    private final double tolerance;

    /** @param tolerance the largest rise over the last steps that still passes, as a fraction (0.10 = 10%) */
    GrowthRule(double tolerance) {
        this.tolerance = tolerance;
    }

    /** Why the series grows without bound, or empty when it does not (or is too short to judge). */
    Optional<String> judge(String name, List<Long> samples) {
        return judge(name, samples, 0);
    }

    /**
     * As {@link #judge(String, List)}, for a series that may rise freely while it stays at or below
     * {@code floor} (a backlog of a few seconds' events is no growth, however it moves).
     */
    Optional<String> judge(String name, List<Long> samples, long floor) {
        if (samples.isEmpty() || samples.get(samples.size() - 1) <= floor) {
            return Optional.empty();
        }
        int warmup = Math.max(MIN_WARMUP, samples.size() / 3);
        int judged = samples.size() - warmup;
        int steps = Math.min(STEPS, judged - 1);
        if (steps < 2) {
            return Optional.empty();
        }
        int last = samples.size() - 1;
        for (int i = last - steps + 1; i <= last; i++) {
            if (samples.get(i) <= samples.get(i - 1)) {
                return Optional.empty();
            }
        }
        long from = samples.get(last - steps);
        long to = samples.get(last);
        if (to <= from * (1 + tolerance)) {
            return Optional.empty();
        }
        return Optional.of(String.format("%s rose in each of the last %d minutes, from %,d to %,d (+%.0f%%, more than %.0f%%)",
                name, steps, from, to, 100.0 * (to - from) / Math.max(1, from), 100 * tolerance));
    }

    /** Minutes too short to judge: the run says so rather than passing silently. */
    static boolean judges(int samples) {
        return samples - Math.max(MIN_WARMUP, samples / 3) - 1 >= 2;
    }
}
