package io.ecrm.streams.segments;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecrm.schemas.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A rule segment as an analyst writes it: a name, a description and the rule (its JSON kept as
 * written, so it is saved back unchanged).
 */
public record SegmentDefinition(String name, String description, JsonNode ruleJson, Rule rule) {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    public static final int MAX_DESCRIPTION = 500;

    /** The problems with a segment name: the pattern, and no clash with the RFM cells and clusters. */
    public static List<FieldError> checkName(String name, String pointer) {
        List<FieldError> errors = new ArrayList<>();
        if (name == null || !NAME.matcher(name).matches()) {
            errors.add(new FieldError(pointer, "must be 1 to 64 lower-case letters, digits, '-' or '_', starting with a letter or digit"));
        } else if (RfmCell.named(name).isPresent() || name.matches(ClusterModel.NAME_PREFIX + "[0-9]+")) {
            errors.add(new FieldError(pointer, "'" + name + "' is the name of a built-in segment"));
        }
        return errors;
    }

    /**
     * Reads a definition's body: {@code {"description": "...", "rule": {...}}}; {@code pointer} is
     * where the body sits in its document ("" for a request body).
     */
    public static Parsed parse(String name, JsonNode body, String namePointer, String pointer) {
        List<FieldError> errors = new ArrayList<>(checkName(name, namePointer));
        if (body == null || !body.isObject()) {
            errors.add(new FieldError(pointer.isEmpty() ? "/" : pointer, "must be an object with a rule and a description"));
            return new Parsed(null, errors);
        }
        for (var names = body.fieldNames(); names.hasNext(); ) {
            String key = names.next();
            if (!key.equals("name") && !key.equals("description") && !key.equals("rule")) {
                errors.add(new FieldError(pointer + "/" + key, "is not allowed here; allowed: name, description, rule"));
            }
        }
        JsonNode description = body.get("description");
        if (description != null && (!description.isTextual() || description.asText().length() > MAX_DESCRIPTION)) {
            errors.add(new FieldError(pointer + "/description", "must be a string of at most " + MAX_DESCRIPTION + " characters"));
        }
        RuleParser.Result rule = body.has("rule") ? RuleParser.parse(body.get("rule"), pointer + "/rule") : null;
        if (rule == null) {
            errors.add(new FieldError(pointer + "/rule", "is required"));
        } else {
            errors.addAll(rule.errors());
        }
        if (!errors.isEmpty()) {
            return new Parsed(null, errors);
        }
        return new Parsed(new SegmentDefinition(name, description == null ? "" : description.asText(), body.get("rule"),
                rule.rule()), List.of());
    }

    /** A definition, or why there is none. */
    public record Parsed(SegmentDefinition definition, List<FieldError> errors) {
    }
}
