package io.ecrm.serving;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;

/**
 * Checks an answer against the schema OpenAPI documents for it: every field it holds is a documented
 * one of the documented type (strings of their pattern, enums of their values), and every required
 * field is there. Enough of JSON Schema for this project's documents: {@code $ref}, object, array,
 * string, integer, number, boolean.
 */
final class DocumentedAnswers {
    private static final JsonNode DOCUMENT = load();

    private DocumentedAnswers() {
    }

    /** Fails unless {@code answer} is what {@code GET path} documents for its 200 answer. */
    static void assertDocumented(String path, JsonNode answer) {
        JsonNode schema = DOCUMENT.at("/paths/" + path.replace("~", "~0").replace("/", "~1")
                + "/get/responses/200/content/application~1json/schema");
        assertTrue(!schema.isMissingNode(), "GET " + path + " documents no answer");
        check(schema, answer, "GET " + path + " ");
    }

    private static void check(JsonNode schema, JsonNode value, String at) {
        if (schema.has("$ref")) {
            check(DOCUMENT.at(schema.get("$ref").asText().substring(1)), value, at);
            return;
        }
        switch (schema.path("type").asText()) {
            case "object" -> {
                assertTrue(value.isObject(), at + "is not an object: " + value);
                JsonNode properties = schema.path("properties");
                for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    if (!properties.has(field.getKey())) {
                        fail(at + "/" + field.getKey() + " is not documented");
                    }
                    check(properties.get(field.getKey()), field.getValue(), at + "/" + field.getKey());
                }
                schema.path("required").forEach(name -> assertTrue(value.has(name.asText()),
                        at + "/" + name.asText() + " is required and missing in " + value));
            }
            case "array" -> {
                assertTrue(value.isArray(), at + "is not an array: " + value);
                for (int i = 0; i < value.size(); i++) {
                    check(schema.path("items"), value.get(i), at + "/" + i);
                }
            }
            case "string" -> {
                assertTrue(value.isTextual(), at + " is not a string: " + value);
                if (schema.has("pattern")) {
                    assertTrue(java.util.regex.Pattern.compile(schema.get("pattern").asText()).matcher(value.asText()).find(),
                            at + " does not match " + schema.get("pattern") + ": " + value);
                }
                if (schema.has("enum")) {
                    assertTrue(schema.get("enum").toString().contains(value.toString()), at + " is not one of " + schema.get("enum"));
                }
            }
            case "integer" -> {
                assertTrue(value.isIntegralNumber(), at + " is not an integer: " + value);
                assertTrue(!schema.has("minimum") || value.asLong() >= schema.get("minimum").asLong(), at + " below its minimum: " + value);
            }
            case "number" -> assertTrue(value.isNumber(), at + " is not a number: " + value);
            case "boolean" -> assertTrue(value.isBoolean(), at + " is not a boolean: " + value);
            default -> fail(at + " has a schema this check does not read: " + schema);
        }
    }

    private static JsonNode load() {
        try (InputStream in = DocumentedAnswers.class.getResourceAsStream("/web/openapi.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
