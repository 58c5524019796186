package io.ecrm.streams.earnings;

/**
 * Keys of {@link io.ecrm.streams.Stores#RECOMMENDATION_EARNINGS}: {@code placement NUL hour}, the hour
 * as the epoch milliseconds of its start, for what a placement earned; {@code SOH serial NUL arm} for
 * what an experiment arm earned over the whole experiment (placement null, hour 0). A placement holds
 * no control character, so a key splits back unambiguously.
 *
 * @param serial the experiment's serial, 0 in a placement's key
 * @param arm    the arm's index
 */
public record EarningsKey(String placement, long hourStartMillis, int serial, int arm) {
    public static final long HOUR_MILLIS = 3_600_000L;
    private static final char ARM_PREFIX = '\u0001';

    public static String of(String placement, long timeMillis) {
        return placement + '\u0000' + Math.floorDiv(timeMillis, HOUR_MILLIS) * HOUR_MILLIS;
    }

    public static String ofArm(int serial, int arm) {
        return ARM_PREFIX + Integer.toString(serial) + '\u0000' + arm;
    }

    public boolean isArm() {
        return serial != 0;
    }

    public static EarningsKey parse(String key) {
        int split = key.lastIndexOf('\u0000');
        if (key.charAt(0) == ARM_PREFIX) {
            return new EarningsKey(null, 0, Integer.parseInt(key.substring(1, split)), Integer.parseInt(key.substring(split + 1)));
        }
        return new EarningsKey(key.substring(0, split), Long.parseLong(key.substring(split + 1)), 0, 0);
    }
}
