package io.ecrm.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** The published JSON Schema and the validator must describe the same event. */
class EventSchemaTest {
    private static JsonNode schema() throws Exception {
        try (InputStream in = EventSchemaTest.class.getResourceAsStream("/schemas/clickstream-event.v1.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    private static Set<String> strings(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).collect(Collectors.toSet());
    }

    @Test
    void schemaNamesExactlyTheFieldsTheValidatorKnows() throws Exception {
        Set<String> properties = new HashSet<>();
        schema().get("properties").fieldNames().forEachRemaining(properties::add);
        assertEquals(EventDecoder.FIELDS, properties);
        assertEquals(Set.of("eventId", "type", "timestamp"), strings(schema().get("required")));
    }

    @Test
    void schemaListsEveryEventTypeAndWhichNeedAnItem() throws Exception {
        JsonNode schema = schema();
        assertEquals(Arrays.stream(EventType.values()).map(EventType::wireName).collect(Collectors.toSet()),
                strings(schema.get("properties").get("type").get("enum")));
        Set<String> itemTypes = strings(schema.get("allOf").get(0).get("if").get("properties").get("type").get("enum"));
        assertEquals(Arrays.stream(EventType.values()).filter(EventType::needsItem).map(EventType::wireName)
                .collect(Collectors.toSet()), itemTypes);
    }

    @Test
    void schemaLimitsMatchTheValidator() throws Exception {
        JsonNode props = schema().get("properties");
        assertEquals(EventDecoder.MAX_ID_LENGTH, props.get("eventId").get("maxLength").asInt());
        assertEquals(EventDecoder.MAX_URL_LENGTH, props.get("url").get("maxLength").asInt());
        assertEquals(EventDecoder.MAX_QUANTITY, props.get("quantity").get("maximum").asInt());
        assertEquals(EventDecoder.MAX_SHOWN_ITEMS, props.get("itemIds").get("maxItems").asInt());
        assertEquals(EventDecoder.MAX_PLACEMENT_LENGTH, props.get("placement").get("maxLength").asInt());
        JsonNode millis = props.get("timestamp").get("oneOf").get(1);
        assertEquals(EventDecoder.MIN_TIMESTAMP_MILLIS, millis.get("minimum").asLong());
        assertEquals(EventDecoder.MAX_TIMESTAMP_MILLIS, millis.get("exclusiveMaximum").asLong());
    }
}
