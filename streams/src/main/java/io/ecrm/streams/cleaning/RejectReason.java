package io.ecrm.streams.cleaning;

/** Why the cleaning stage kept an event away from every model. Each is counted and written to the rejected topic. */
public enum RejectReason {
    /** The user agent names a crawler, bot or monitoring tool (see {@code cleaning/bot-user-agents.txt}). */
    BOT_USER_AGENT("bot_user_agent"),
    /** The visitor sent more events per second than a person can: the visitor is treated as a bot for a while. */
    BOT_BEHAVIOUR("bot_behaviour"),
    /** The same eventId was already counted within the dedup window. */
    DUPLICATE("duplicate"),
    /** The event time is further ahead of the wall clock than clock skew explains. */
    TIME_IN_FUTURE("time_in_future"),
    /** The event time is older than the partition's stream time minus the grace period. */
    TOO_LATE("too_late");

    private final String code;

    RejectReason(String code) {
        this.code = code;
    }

    /** The stable name used in the rejected topic and in metrics. */
    public String code() {
        return code;
    }
}
