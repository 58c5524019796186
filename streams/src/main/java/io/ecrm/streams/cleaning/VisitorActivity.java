package io.ecrm.streams.cleaning;

/**
 * How fast one visitor is clicking, by event time: the events in the current second, and until
 * when the visitor is quarantined as a bot. Immutable; stored per visitor.
 */
public record VisitorActivity(long second, int eventsInSecond, long botUntilMillis) {
    public static final VisitorActivity NONE = new VisitorActivity(Long.MIN_VALUE, 0, Long.MIN_VALUE);

    /** The activity after one more event at {@code timestampMillis}. */
    public VisitorActivity observe(long timestampMillis, CleaningSettings settings) {
        long eventSecond = Math.floorDiv(timestampMillis, 1000L);
        int count = eventSecond == second ? eventsInSecond + 1 : 1;
        long botUntil = botUntilMillis;
        if (count > settings.maxEventsPerSecond()) {
            botUntil = Math.max(botUntil, timestampMillis + settings.botQuarantineMillis());
        }
        return new VisitorActivity(eventSecond == second ? second : eventSecond, count, botUntil);
    }

    public boolean isBotAt(long timestampMillis) {
        return timestampMillis <= botUntilMillis;
    }
}
