package io.ecrm.recommender.evaluation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits clicks by time, by session start, as {@code EVALUATION.md} says: for a single file, the
 * sessions that start in the last day of the data are test (the last 7 days when the data spans
 * more than 60 days), the rest train; a validation split is carved from train the same way, so
 * that no choice is ever made on test.
 *
 * @param train clicks of the sessions that start before the test window
 * @param test  clicks of the sessions that start in it
 */
public record TimeSplit(List<Click> train, List<Click> test) {
    public static final long DAY_MILLIS = 86_400_000L;
    private static final long LONG_DATA_MILLIS = 60 * DAY_MILLIS;

    /** The protocol's split of one file: the last day (or 7 days for data over 60 days long) is test. */
    public static TimeSplit lastWindow(List<Click> clicks) {
        long[] span = span(clicks);
        long window = span[1] - span[0] > LONG_DATA_MILLIS ? 7 * DAY_MILLIS : DAY_MILLIS;
        return window(clicks, 1, window);
    }

    /**
     * The {@code n}-th window of {@code windowMillis} from the end of the data as test (n = 1: the
     * last), the sessions that start before it as train, and those that start after it left out.
     */
    public static TimeSplit window(List<Click> clicks, int n, long windowMillis) {
        if (n < 1) {
            throw new IllegalArgumentException("the window is counted from 1 (the last), was " + n);
        }
        Map<String, Long> start = new HashMap<>();
        for (Click c : clicks) {
            start.merge(c.sessionId(), c.timestampMillis(), Math::min);
        }
        long last = span(clicks)[1];
        long to = last - (n - 1) * windowMillis;
        long from = to - windowMillis;
        List<Click> train = new ArrayList<>();
        List<Click> test = new ArrayList<>();
        for (Click c : clicks) {
            long s = start.get(c.sessionId());
            if (s <= from) {
                train.add(c);
            } else if (s <= to) {
                test.add(c);
            }
        }
        return new TimeSplit(train, test);
    }

    private static long[] span(List<Click> clicks) {
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (Click c : clicks) {
            first = Math.min(first, c.timestampMillis());
            last = Math.max(last, c.timestampMillis());
        }
        return new long[] {first, last};
    }
}
