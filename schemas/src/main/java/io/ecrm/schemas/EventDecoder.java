package io.ecrm.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
    /** Most items one impression shows. */
    public static final int MAX_SHOWN_ITEMS = 100;
    public static final int MAX_PLACEMENT_LENGTH = 64;
    /** Timestamps outside [1990-01-01, 2100-01-01) are certainly wrong (seconds sent as millis, or the reverse); old web logs still fit. */
    public static final long MIN_TIMESTAMP_MILLIS = 631_152_000_000L;
    public static final long MAX_TIMESTAMP_MILLIS = 4_102_444_800_000L;

    static final Set<String> FIELDS = Set.of("eventId", "type", "timestamp", "anonymousId", "customerId",
            "sessionId", "itemId", "quantity", "price", "currency", "url", "referrer", "userAgent", "query",
            "recommendationId", "placement", "itemIds");

    private final int maxIdLength;

    /** A decoder with the schema's limits. */
    public EventDecoder() {
        this(MAX_ID_LENGTH);
    }

    /** A decoder that refuses ids longer than {@code maxIdLength}, which may only tighten the schema's {@link #MAX_ID_LENGTH}. */
    public EventDecoder(int maxIdLength) {
        if (maxIdLength < 1 || maxIdLength > MAX_ID_LENGTH) {
            throw new IllegalArgumentException("the id length limit must be from 1 to " + MAX_ID_LENGTH);
        }
        this.maxIdLength = maxIdLength;
    }

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
        unknownFields(node, FIELDS, at, errors);
        JsonFields f = new JsonFields(node, at, errors);
        String eventId = f.string("eventId", maxIdLength, true);
        EventType type = f.type();
        long timestamp = f.timestamp();
        String anonymousId = f.string("anonymousId", maxIdLength, false);
        String customerId = f.string("customerId", maxIdLength, false);
        if (anonymousId == null && customerId == null && !node.has("anonymousId") && !node.has("customerId")) {
            errors.add(new FieldError(at + "/customerId", "an event needs a customerId or an anonymousId"));
        }
        String sessionId = f.string("sessionId", maxIdLength, false);
        String itemId = f.string("itemId", maxIdLength, type != null && type.needsItem());
        int quantity = f.quantity();
        Double price = f.price();
        String currency = f.currency();
        String url = f.string("url", MAX_URL_LENGTH, false);
        String referrer = f.string("referrer", MAX_URL_LENGTH, false);
        String userAgent = f.string("userAgent", MAX_USER_AGENT_LENGTH, false);
        String query = f.string("query", MAX_QUERY_LENGTH, type == EventType.SEARCH);
        boolean impression = type == EventType.IMPRESSION;
        String recommendationId = f.string("recommendationId", maxIdLength, impression);
        String placement = f.string("placement", MAX_PLACEMENT_LENGTH, false);
        List<String> itemIds = impression ? f.ids("itemIds", maxIdLength, MAX_SHOWN_ITEMS) : null;
        if (type != null && !impression) {
            onlyOnImpressions(node, "placement", at, errors);
            onlyOnImpressions(node, "itemIds", at, errors);
            if (recommendationId != null && !type.needsItem()) {
                errors.add(new FieldError(at + "/recommendationId",
                        "only an impression or a product event (a click on a recommended item) names a recommendation"));
            }
        }
        if (errors.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new ClickEvent(eventId, type, timestamp, anonymousId, customerId, sessionId, itemId,
                quantity, price, currency, url, referrer, userAgent, query, recommendationId,
                impression ? placement : null, itemIds));
    }

    private static void onlyOnImpressions(JsonNode node, String field, String at, List<FieldError> errors) {
        if (node.has(field) && !node.get(field).isNull()) {
            errors.add(new FieldError(at + "/" + field, "only an impression has " + field));
        }
    }

    /** Records an error for each field of {@code node} that is not one of {@code known}. */
    public static void unknownFields(JsonNode node, Set<String> known, String at, List<FieldError> errors) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            String name = it.next().getKey();
            if (!known.contains(name)) {
                errors.add(new FieldError(at + "/" + escape(name), "unknown field"));
            }
        }
    }

    /** A field name as a JSON Pointer step (RFC 6901: {@code ~} as {@code ~0}, {@code /} as {@code ~1}). */
    public static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
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
}
