package io.ecrm.streams.cleaning;

import io.ecrm.schemas.ClickEvent;
import java.util.Optional;

/**
 * The checks of the cleaning stage that need no state beyond what is passed in: time sanity and
 * bot user agents. Duplicates and bot behaviour need per-event state and are decided by the
 * processor with {@link VisitorActivity} and the dedup store.
 */
public final class EventScreen {
    private final CleaningSettings settings;
    private final BotUserAgents bots;

    public EventScreen(CleaningSettings settings, BotUserAgents bots) {
        this.settings = settings;
        this.bots = bots;
    }

    /**
     * @param streamTimeMillis the largest event time seen so far on the event's partition
     * @param wallClockMillis  the current time of this machine
     */
    public Optional<RejectReason> screen(ClickEvent event, long streamTimeMillis, long wallClockMillis) {
        if (event.timestampMillis() > wallClockMillis + settings.maxFutureSkewMillis()) {
            return Optional.of(RejectReason.TIME_IN_FUTURE);
        }
        if (streamTimeMillis > Long.MIN_VALUE + settings.gracePeriodMillis()
                && event.timestampMillis() < streamTimeMillis - settings.gracePeriodMillis()) {
            return Optional.of(RejectReason.TOO_LATE);
        }
        if (bots.isBot(event.userAgent())) {
            return Optional.of(RejectReason.BOT_USER_AGENT);
        }
        return Optional.empty();
    }
}
