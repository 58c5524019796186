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
                || controls(query)) {
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

    private static String clip(String value, int max) {
        if (value == null) {
            return null;
        }
        String clean = value.chars().anyMatch(Character::isISOControl) ? value.replaceAll("\\p{Cntrl}", "") : value;
        return clean.isEmpty() ? null : clean.length() <= max ? clean : clean.substring(0, max);
    }
}
