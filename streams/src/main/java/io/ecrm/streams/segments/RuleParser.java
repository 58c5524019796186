package io.ecrm.streams.segments;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecrm.schemas.EventType;
import io.ecrm.schemas.FieldError;
import io.ecrm.streams.Durations;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reads a rule from JSON and says, for each mistake, where it is (a JSON Pointer) and what would
 * be right. A rule is one object with one of these forms:
 * <pre>
 * {"all": [rule, ...]}   {"any": [rule, ...]}   {"not": rule}
 * {"field": NUMBER_FIELD, "op": "&gt;"|"&gt;="|"&lt;"|"&lt;="|"=="|"!=", "value": number}
 * {"field": TEXT_FIELD, "op": "=="|"!=", "value": "text"}
 * {"field": TIME_FIELD, "within": DURATION}
 * {"event": ITEM_EVENT, "category": "...", "item": "...", "within": DURATION, "since": TIME_FIELD, "min": n, "max": n}
 * </pre>
 * A DURATION is a whole number and a unit: {@code 30m}, {@code 24h}, {@code 7d}, {@code 2w}. An
 * event count without min and max means at least one. Nesting is at most {@link #MAX_DEPTH} deep.
 */
public final class RuleParser {
    public static final int MAX_DEPTH = 8;
    private static final Set<String> OPS = Set.of(">", ">=", "<", "<=", "==", "!=");

    /** A parsed rule, or the reasons it is not one (then {@code rule} is null). */
    public record Result(Rule rule, List<FieldError> errors) {
        public boolean ok() {
            return errors.isEmpty();
        }
    }

    private final List<FieldError> errors = new ArrayList<>();

    private RuleParser() {
    }

    /** Parses {@code node}, found at {@code pointer} in its document. */
    public static Result parse(JsonNode node, String pointer) {
        RuleParser parser = new RuleParser();
        Rule rule = parser.rule(node, pointer, 1);
        return parser.errors.isEmpty() ? new Result(rule, List.of()) : new Result(null, List.copyOf(parser.errors));
    }

    private Rule fail(String pointer, String message) {
        errors.add(new FieldError(pointer, message));
        return null;
    }

    private Rule rule(JsonNode node, String at, int depth) {
        if (node == null || !node.isObject()) {
            return fail(at, "must be a rule object: all, any, not, field or event");
        }
        if (depth > MAX_DEPTH) {
            return fail(at, "rules nest at most " + MAX_DEPTH + " deep");
        }
        if (node.has("all") || node.has("any")) {
            String key = node.has("all") ? "all" : "any";
            onlyKeys(node, at, Set.of(key));
            JsonNode list = node.get(key);
            if (!list.isArray() || list.isEmpty()) {
                return fail(at + "/" + key, "must be a non-empty array of rules");
            }
            List<Rule> rules = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                rules.add(rule(list.get(i), at + "/" + key + "/" + i, depth + 1));
            }
            return key.equals("all") ? new Rule.All(rules) : new Rule.Any(rules);
        }
        if (node.has("not")) {
            onlyKeys(node, at, Set.of("not"));
            Rule inner = rule(node.get("not"), at + "/not", depth + 1);
            return new Rule.Not(inner);
        }
        if (node.has("field")) {
            return field(node, at);
        }
        if (node.has("event")) {
            return event(node, at);
        }
        return fail(at, "must have one of the keys all, any, not, field, event");
    }

    private void onlyKeys(JsonNode node, String at, Set<String> allowed) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                fail(at + "/" + name, "is not allowed here; allowed: " + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
    }

    private Rule field(JsonNode node, String at) {
        JsonNode field = node.get("field");
        if (!field.isTextual()) {
            return fail(at + "/field", "must be a field name");
        }
        String name = field.asText();
        Optional<RuleFields.Number> number = RuleFields.named(RuleFields.Number.class, name, f -> f.wireName);
        Optional<RuleFields.Text> text = RuleFields.named(RuleFields.Text.class, name, f -> f.wireName);
        Optional<RuleFields.Time> time = RuleFields.named(RuleFields.Time.class, name, f -> f.wireName);
        if (time.isPresent()) {
            onlyKeys(node, at, Set.of("field", "within"));
            Long millis = duration(node.get("within"), at + "/within");
            return millis == null ? null : new Rule.Within(time.get(), millis);
        }
        if (number.isEmpty() && text.isEmpty()) {
            return fail(at + "/field", "unknown field '" + name + "'; numbers: "
                    + RuleFields.list(RuleFields.Number.class, f -> f.wireName) + "; text: "
                    + RuleFields.list(RuleFields.Text.class, f -> f.wireName) + "; times: "
                    + RuleFields.list(RuleFields.Time.class, f -> f.wireName));
        }
        onlyKeys(node, at, Set.of("field", "op", "value"));
        JsonNode op = node.get("op");
        JsonNode value = node.get("value");
        if (number.isPresent()) {
            boolean ok = true;
            if (op == null || !op.isTextual() || !OPS.contains(op.asText())) {
                fail(at + "/op", "must be one of >, >=, <, <=, ==, !=");
                ok = false;
            }
            if (value == null || !value.isNumber() || !Double.isFinite(value.asDouble())) {
                fail(at + "/value", "must be a number");
                ok = false;
            }
            return ok ? new Rule.Compare(number.get(), op.asText(), value.asDouble()) : null;
        }
        boolean ok = true;
        if (op == null || !op.isTextual() || !(op.asText().equals("==") || op.asText().equals("!="))) {
            fail(at + "/op", "must be == or != for a text field");
            ok = false;
        }
        if (value == null || !value.isTextual()) {
            fail(at + "/value", "must be a string");
            ok = false;
        }
        return ok ? new Rule.TextCompare(text.get(), op.asText().equals("=="), value.asText()) : null;
    }

    private Rule event(JsonNode node, String at) {
        onlyKeys(node, at, Set.of("event", "category", "item", "within", "since", "min", "max"));
        int before = errors.size();
        JsonNode type = node.get("event");
        Optional<EventType> eventType = type.isTextual() ? EventType.fromWireName(type.asText()) : Optional.empty();
        if (eventType.isEmpty() || !eventType.get().needsItem()) {
            fail(at + "/event", "must be an item event: product_view, add_to_cart, remove_from_cart or purchase");
        }
        String category = text(node.get("category"), at + "/category");
        String item = text(node.get("item"), at + "/item");
        Long within = node.has("within") ? duration(node.get("within"), at + "/within") : null;
        RuleFields.Time since = null;
        if (node.has("since")) {
            JsonNode s = node.get("since");
            since = s.isTextual() ? RuleFields.named(RuleFields.Time.class, s.asText(), f -> f.wireName).orElse(null) : null;
            if (since == null) {
                fail(at + "/since", "must be one of " + RuleFields.list(RuleFields.Time.class, f -> f.wireName));
            }
        }
        Integer min = count(node.get("min"), at + "/min");
        Integer max = count(node.get("max"), at + "/max");
        if (min != null && max != null && min > max) {
            fail(at + "/max", "must not be less than min");
        }
        if (errors.size() > before) {
            return null;
        }
        int low = min != null ? min : (max != null ? 0 : 1);
        int high = max != null ? max : Integer.MAX_VALUE;
        return new Rule.EventCount(eventType.get(), category, item, within, since, low, high);
    }

    private String text(JsonNode node, String at) {
        if (node == null) {
            return null;
        }
        if (!node.isTextual() || node.asText().isEmpty()) {
            fail(at, "must be a non-empty string");
            return null;
        }
        return node.asText();
    }

    private Integer count(JsonNode node, String at) {
        if (node == null) {
            return null;
        }
        if (!node.isIntegralNumber() || node.asLong() < 0 || node.asLong() > 1_000_000) {
            fail(at, "must be a whole number from 0 to 1000000");
            return null;
        }
        return node.asInt();
    }

    private Long duration(JsonNode node, String at) {
        OptionalLong millis = node != null && node.isTextual() ? Durations.millis(node.asText()) : OptionalLong.empty();
        if (millis.isEmpty()) {
            fail(at, "must be a duration such as 30m, 24h, 7d or 2w");
            return null;
        }
        return millis.getAsLong();
    }
}
