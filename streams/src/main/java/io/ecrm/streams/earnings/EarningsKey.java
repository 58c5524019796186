package io.ecrm.streams.earnings;

/**
 * Keys of {@link io.ecrm.streams.Stores#RECOMMENDATION_EARNINGS}: {@code placement NUL hour}, the hour
 * as the epoch milliseconds of its start. A placement holds no control character, so the key splits
 * back unambiguously.
 */
public record EarningsKey(String placement, long hourStartMillis) {
    public static final long HOUR_MILLIS = 3_600_000L;

    public static String of(String placement, long timeMillis) {
        return placement + '\u0000' + Math.floorDiv(timeMillis, HOUR_MILLIS) * HOUR_MILLIS;
    }

    public static EarningsKey parse(String key) {
        int split = key.lastIndexOf('\u0000');
        return new EarningsKey(key.substring(0, split), Long.parseLong(key.substring(split + 1)));
    }
}
