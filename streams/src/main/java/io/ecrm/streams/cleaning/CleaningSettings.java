package io.ecrm.streams.cleaning;

/**
 * Knobs of the cleaning stage, with defaults in {@link #DEFAULTS}.
 *
 * @param dedupWindowMillis         the same eventId within this much event time counts once
 * @param maxFutureSkewMillis       an event time further than this ahead of the wall clock is refused
 * @param gracePeriodMillis         an event older than stream time minus this is refused as too late; younger
 *                                  late events are processed by their event time
 * @param maxEventsPerSecond        a visitor sending more events than this within one second of event time ...
 * @param botQuarantineMillis       ... is treated as a bot for this long
 * @param eventIdsPerVisitor        at most this many of a visitor's event ids are kept for the dedup check, newest
 *                                  first: a resend is caught within the dedup window and the visitor's last this
 *                                  many events (a bot's flood cannot grow its record without bound)
 */
public record CleaningSettings(
        long dedupWindowMillis,
        long maxFutureSkewMillis,
        long gracePeriodMillis,
        int maxEventsPerSecond,
        long botQuarantineMillis,
        int eventIdsPerVisitor) {

    public static final CleaningSettings DEFAULTS = new CleaningSettings(
            24 * 3_600_000L, 3_600_000L, 7 * 24 * 3_600_000L, 20, 3_600_000L, 1_000);

    public CleaningSettings {
        if (dedupWindowMillis <= 0 || maxFutureSkewMillis < 0 || gracePeriodMillis < 0 || maxEventsPerSecond < 1
                || botQuarantineMillis < 0 || eventIdsPerVisitor < 1) {
            throw new IllegalArgumentException("invalid cleaning settings: " + this);
        }
    }
}
