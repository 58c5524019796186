package io.ecrm.ingest.logs;

import io.ecrm.schemas.ClickEvent;
import io.ecrm.schemas.EventDecoder;
import io.ecrm.schemas.EventType;
import java.util.Map;

/**
 * Turns one access log line into an event by the rules, or says why it is none. The event id is
 * the file's name and the line number, so ingesting the same file again repeats the ids and the
 * engine counts each request once.
 */
public final class LogEventMapper {
    /** An event, or the reason there is none. */
    public record Outcome(ClickEvent event, LogRejectReason rejection) {
        public boolean ok() {
            return event != null;
        }
    }

    private final AccessLogParser parser;
    private final UrlRules rules;
    private final VisitorIdentity identity;

    public LogEventMapper(AccessLogParser parser, UrlRules rules, VisitorIdentity identity) {
        this.parser = parser;
        this.rules = rules;
        this.identity = identity;
    }

    public Outcome map(String text, long lineNumber, String source) {
        AccessLogParser.Result parsed = parser.parse(text);
        if (!parsed.ok()) {
            return new Outcome(null, parsed.rejection());
        }
        AccessLogLine line = parsed.line();
        if (!rules.accepts(line)) {
            return new Outcome(null, LogRejectReason.FILTERED);
        }
        UrlRules.Match match = rules.match(line);
        if (match == null) {
            return new Outcome(null, LogRejectReason.UNMATCHED_URL);
        }
        Map<String, String> fields = match.fields();
        String customerId = fields.get("customerId");
        String visitor = identity.of(line);
        String itemId = fields.get("itemId");
        String query = fields.get("query");
        if (tooLong(itemId, EventDecoder.MAX_ID_LENGTH) || tooLong(customerId, EventDecoder.MAX_ID_LENGTH)
                || tooLong(query, EventDecoder.MAX_QUERY_LENGTH) || controls(itemId) || controls(customerId)
                || controls(query) || blank(itemId) || blank(customerId) || blank(query)) {
            return new Outcome(null, LogRejectReason.INVALID_EVENT);
        }
        EventType type = match.type();
        ClickEvent event = new ClickEvent(source + ":" + lineNumber, type, line.timestampMillis(), visitor, customerId,
                null, itemId, 1, null, null, clip(line.target(), EventDecoder.MAX_URL_LENGTH),
                clip(line.referer(), EventDecoder.MAX_URL_LENGTH), clip(line.userAgent(), EventDecoder.MAX_USER_AGENT_LENGTH),
                query);
        return new Outcome(event, null);
    }

    private static boolean tooLong(String value, int max) {
        return value != null && value.length() > max;
    }

    private static boolean controls(String value) {
        return value != null && value.chars().anyMatch(Character::isISOControl);
    }

    /** A decoded {@code %20} or {@code +} captures a value the schema refuses as blank. */
    private static boolean blank(String value) {
        return value != null && value.isBlank();
    }

    /** The text without control characters (C0 and C1, as the validator counts them), at most {@code max} long; null if nothing is left. */
    private static String clip(String value, int max) {
        if (value == null) {
            return null;
        }
        String clean = value;
        if (value.chars().anyMatch(Character::isISOControl)) {
            StringBuilder kept = new StringBuilder(value.length());
            value.chars().filter(c -> !Character.isISOControl(c)).forEach(c -> kept.append((char) c));
            clean = kept.toString();
        }
        clean = clean.length() <= max ? clean : clean.substring(0, max);
        return clean.isBlank() ? null : clean;
    }
}
