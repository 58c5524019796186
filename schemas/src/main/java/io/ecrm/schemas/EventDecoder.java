package io.ecrm.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one validator of clickstream events: every entry point (HTTP, log ingest, replay) turns JSON
 * into {@link ClickEvent}s through it. It enforces the rules of {@code clickstream-event.v1.json}
 * and reports every field error at once rather than stopping at the first.
 */
public final class EventDecoder {
    public static final int MAX_ID_LENGTH = 128;
    public static final int MAX_URL_LENGTH = 2048;
    public static final int MAX_USER_AGENT_LENGTH = 1024;
    public static final int MAX_QUERY_LENGTH = 512;
    public static final int MAX_QUANTITY = 10_000;
    /** Timestamps outside [1990-01-01, 2100-01-01) are certainly wrong (seconds sent as millis, or the reverse); old web logs still fit. */
    public static final long MIN_TIMESTAMP_MILLIS = 631_152_000_000L;
    public static final long MAX_TIMESTAMP_MILLIS = 4_102_444_800_000L;

    static final Set<String> FIELDS = Set.of("eventId", "type", "timestamp", "anonymousId", "customerId",
            "sessionId", "itemId", "quantity", "price", "currency", "url", "referrer", "userAgent", "query");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    /** The events of a batch, or the reasons it was refused; never both. */
    public record Batch(List<ClickEvent> events, List<FieldError> errors) {
        public boolean valid() {
            return errors.isEmpty();
        }
    }

    /** Decodes a JSON array of events; any error refuses the whole batch. */
    public Batch decodeBatch(JsonNode body) {
        if (body == null || !body.isArray()) {
            return new Batch(List.of(), List.of(new FieldError("", "expected a JSON array of events")));
        }
        List<ClickEvent> events = new ArrayList<>(body.size());
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < body.size(); i++) {
            decode(body.get(i), "/" + i, errors).ifPresent(events::add);
        }
        return errors.isEmpty() ? new Batch(List.copyOf(events), List.of()) : new Batch(List.of(), List.copyOf(errors));
    }

    /** Decodes one event object; errors are appended to {@code errors} with pointers under {@code at}. */
    public Optional<ClickEvent> decode(JsonNode node, String at, List<FieldError> errors) {
        if (node == null || !node.isObject()) {
            errors.add(new FieldError(at, "expected a JSON object"));
            return Optional.empty();
        }
        int before = errors.size();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            String name = it.next().getKey();
            if (!FIELDS.contains(name)) {
                errors.add(new FieldError(at + "/" + escape(name), "unknown field"));
            }
        }
        Fields f = new Fields(node, at, errors);
        String eventId = f.string("eventId", MAX_ID_LENGTH, true);
        EventType type = f.type();
        long timestamp = f.timestamp();
        String anonymousId = f.string("anonymousId", MAX_ID_LENGTH, false);
        String customerId = f.string("customerId", MAX_ID_LENGTH, false);
        if (anonymousId == null && customerId == null && !node.has("anonymousId") && !node.has("customerId")) {
            errors.add(new FieldError(at + "/customerId", "an event needs a customerId or an anonymousId"));
        }
        String sessionId = f.string("sessionId", MAX_ID_LENGTH, false);
        String itemId = f.string("itemId", MAX_ID_LENGTH, type != null && type.needsItem());
        int quantity = f.quantity();
        Double price = f.price();
        String currency = f.string("currency", 3, false);
        if (currency != null && !CURRENCY.matcher(currency).matches()) {
            errors.add(new FieldError(at + "/currency", "must be an ISO 4217 code of three capital letters, like EUR"));
        }
        String url = f.string("url", MAX_URL_LENGTH, false);
        String referrer = f.string("referrer", MAX_URL_LENGTH, false);
        String userAgent = f.string("userAgent", MAX_USER_AGENT_LENGTH, false);
        String query = f.string("query", MAX_QUERY_LENGTH, type == EventType.SEARCH);
        if (errors.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new ClickEvent(eventId, type, timestamp, anonymousId, customerId, sessionId, itemId,
                quantity, price, currency, url, referrer, userAgent, query));
    }

    /** True when every surrogate of the text is half of a pair, so that it encodes to UTF-8 and back unchanged. */
    public static boolean isWellFormed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }

    /** Reads the fields of one event object, recording an error for each bad one. */
    private static final class Fields {
        private final JsonNode node;
        private final String at;
        private final List<FieldError> errors;

        Fields(JsonNode node, String at, List<FieldError> errors) {
            this.node = node;
            this.at = at;
            this.errors = errors;
        }

        private void error(String field, String message) {
            errors.add(new FieldError(at + "/" + field, message));
        }

        String string(String field, int maxLength, boolean required) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                if (required) {
                    error(field, "is required");
                }
                return null;
            }
            if (!value.isTextual()) {
                error(field, "must be a string");
                return null;
            }
            String text = value.textValue();
            if (text.isBlank()) {
                error(field, "must not be blank");
                return null;
            }
            if (text.length() > maxLength) {
                error(field, "must be at most " + maxLength + " characters");
                return null;
            }
            if (text.chars().anyMatch(Character::isISOControl)) {
                error(field, "must not contain control characters");
                return null;
            }
            if (!isWellFormed(text)) {
                error(field, "must be Unicode text (a \\u escape of half a surrogate pair is not)");
                return null;
            }
            return text;
        }

        EventType type() {
            JsonNode value = node.get("type");
            if (value == null || value.isNull()) {
                error("type", "is required");
                return null;
            }
            Optional<EventType> type = value.isTextual() ? EventType.fromWireName(value.textValue()) : Optional.empty();
            if (type.isEmpty()) {
                error("type", "must be one of page_view, product_view, search, add_to_cart, remove_from_cart, purchase, login");
            }
            return type.orElse(null);
        }

        long timestamp() {
            JsonNode value = node.get("timestamp");
            if (value == null || value.isNull()) {
                error("timestamp", "is required");
                return 0;
            }
            long millis;
            if (value.isIntegralNumber() && value.canConvertToLong()) {
                millis = value.longValue();
            } else if (value.isTextual()) {
                try {
                    millis = OffsetDateTime.parse(value.textValue()).toInstant().toEpochMilli();
                } catch (DateTimeParseException | ArithmeticException e) {
                    // ArithmeticException: a valid ISO date too far out to count in epoch milliseconds
                    error("timestamp", "must be ISO-8601 with an offset (2026-11-24T10:15:30Z) or epoch milliseconds");
                    return 0;
                }
            } else {
                error("timestamp", "must be ISO-8601 with an offset (2026-11-24T10:15:30Z) or epoch milliseconds");
                return 0;
            }
            if (millis < MIN_TIMESTAMP_MILLIS || millis >= MAX_TIMESTAMP_MILLIS) {
                error("timestamp", "must lie between 1990-01-01 and 2100-01-01 (epoch milliseconds, not seconds)");
            }
            return millis;
        }

        int quantity() {
            JsonNode value = node.get("quantity");
            if (value == null || value.isNull()) {
                return 1;
            }
            if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < 1 || value.intValue() > MAX_QUANTITY) {
                error("quantity", "must be a whole number from 1 to " + MAX_QUANTITY);
                return 1;
            }
            return value.intValue();
        }

        Double price() {
            JsonNode value = node.get("price");
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isNumber() || !Double.isFinite(value.doubleValue()) || value.doubleValue() < 0) {
                error("price", "must be a number of at least 0");
                return null;
            }
            return value.doubleValue();
        }
    }
}
