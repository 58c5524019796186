package io.ecrm.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the fields of one JSON object that a decoder validates, recording an error, with a JSON
 * Pointer to the field, for each bad one instead of stopping at the first.
 */
final class JsonFields {
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    private final JsonNode node;
    private final String at;
    private final List<FieldError> errors;

    JsonFields(JsonNode node, String at, List<FieldError> errors) {
        this.node = node;
        this.at = at;
        this.errors = errors;
    }

    private void error(String field, String message) {
        errors.add(new FieldError(at + "/" + field, message));
    }

    String string(String field, int maxLength, boolean required) {
        return text(node.get(field), field, maxLength, required);
    }

    private String text(JsonNode value, String field, int maxLength, boolean required) {
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
        if (!EventDecoder.isWellFormed(text)) {
            error(field, "must be Unicode text (a \\u escape of half a surrogate pair is not)");
            return null;
        }
        return text;
    }

    /** A required array of 1 to {@code maxItems} distinct ids, each as {@link #string} checks it; null when it is bad. */
    List<String> ids(String field, int maxLength, int maxItems) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            error(field, "is required");
            return null;
        }
        if (!value.isArray() || value.isEmpty() || value.size() > maxItems) {
            error(field, "must be an array of 1 to " + maxItems + " ids");
            return null;
        }
        int before = errors.size();
        List<String> ids = new ArrayList<>(value.size());
        Set<String> distinct = new HashSet<>();
        JsonFields items = new JsonFields(value, at + "/" + field, errors);
        for (int i = 0; i < value.size(); i++) {
            String id = items.string(i, maxLength);
            if (id != null && !distinct.add(id)) {
                items.error(Integer.toString(i), "repeats an item shown earlier in the list");
            }
            ids.add(id);
        }
        return errors.size() > before ? null : ids;
    }

    /** Element {@code index} of an array as a required string. */
    private String string(int index, int maxLength) {
        return text(node.get(index), Integer.toString(index), maxLength, true);
    }

    EventType type() {
        JsonNode value = node.get("type");
        if (value == null || value.isNull()) {
            error("type", "is required");
            return null;
        }
        Optional<EventType> type = value.isTextual() ? EventType.fromWireName(value.textValue()) : Optional.empty();
        if (type.isEmpty()) {
            error("type", "must be one of page_view, product_view, search, add_to_cart, remove_from_cart, purchase, login, impression");
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
        if (millis < EventDecoder.MIN_TIMESTAMP_MILLIS || millis >= EventDecoder.MAX_TIMESTAMP_MILLIS) {
            error("timestamp", "must lie between 1990-01-01 and 2100-01-01 (epoch milliseconds, not seconds)");
        }
        return millis;
    }

    int quantity() {
        JsonNode value = node.get("quantity");
        if (value == null || value.isNull()) {
            return 1;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < 1 || value.intValue() > EventDecoder.MAX_QUANTITY) {
            error("quantity", "must be a whole number from 1 to " + EventDecoder.MAX_QUANTITY);
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

    String currency() {
        String currency = string("currency", 3, false);
        if (currency != null && !CURRENCY.matcher(currency).matches()) {
            error("currency", "must be an ISO 4217 code of three capital letters, like EUR");
            return null;
        }
        return currency;
    }

    /** A boolean field, {@code otherwise} when absent. */
    boolean bool(String field, boolean otherwise) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return otherwise;
        }
        if (!value.isBoolean()) {
            error(field, "must be true or false");
            return otherwise;
        }
        return value.booleanValue();
    }
}
