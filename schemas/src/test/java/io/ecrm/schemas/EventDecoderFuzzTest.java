package io.ecrm.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;

/**
 * Hostile bodies for the one validator: whatever JSON arrives, {@link EventDecoder#decodeBatch}
 * never throws, refuses with field errors or accepts (never both, never neither), and every event
 * it accepts keeps the schema's rules and survives the storage form unchanged.
 * Seeds: {@code src/test/resources/io/ecrm/schemas/EventDecoderFuzzTestInputs/decodesOrNamesTheBadFields}.
 */
class EventDecoderFuzzTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final EventDecoder decoder = new EventDecoder();

    @FuzzTest(maxDuration = "2m")
    void decodesOrNamesTheBadFields(byte[] input) {
        JsonNode body;
        try {
            body = JSON.readTree(new String(input, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            return; // not JSON: the HTTP layer answers malformed-json before the decoder
        }
        EventDecoder.Batch batch = decoder.decodeBatch(body);
        assertNotNull(batch);
        if (batch.valid()) {
            assertTrue(body.isArray());
            assertEquals(body.size(), batch.events().size(), "one event per element of an accepted batch");
            batch.events().forEach(EventDecoderFuzzTest::keepsTheSchemaRules);
        } else {
            assertTrue(batch.events().isEmpty(), "a refused batch keeps nothing");
            for (FieldError error : batch.errors()) {
                assertTrue(error.pointer().isEmpty() || error.pointer().startsWith("/"), error.pointer());
                assertFalse(error.message().isBlank());
            }
        }
    }

    private static void keepsTheSchemaRules(ClickEvent event) {
        id(event.eventId(), true);
        id(event.anonymousId(), false);
        id(event.customerId(), false);
        id(event.sessionId(), false);
        id(event.itemId(), event.type().needsItem());
        assertTrue(event.anonymousId() != null || event.customerId() != null);
        id(event.recommendationId(), event.type() == EventType.IMPRESSION);
        if (event.type() == EventType.IMPRESSION) {
            assertTrue(event.itemIds().size() >= 1 && event.itemIds().size() <= EventDecoder.MAX_SHOWN_ITEMS);
            assertEquals(event.itemIds().size(), new java.util.HashSet<>(event.itemIds()).size(), "shown items repeat");
            event.itemIds().forEach(item -> id(item, true));
            assertTrue(event.placement().length() <= EventDecoder.MAX_PLACEMENT_LENGTH);
        } else {
            assertTrue(event.itemIds() == null && event.placement() == null);
            assertTrue(event.recommendationId() == null || event.type().needsItem(), "a recommendation on " + event.type());
        }
        assertTrue(event.timestampMillis() >= EventDecoder.MIN_TIMESTAMP_MILLIS
                && event.timestampMillis() < EventDecoder.MAX_TIMESTAMP_MILLIS, "timestamp " + event.timestampMillis());
        assertTrue(event.quantity() >= 1 && event.quantity() <= EventDecoder.MAX_QUANTITY, "quantity " + event.quantity());
        if (event.price() != null) {
            assertTrue(Double.isFinite(event.price()) && event.price() >= 0, "price " + event.price());
        }
        assertTrue(event.currency() == null || event.currency().matches("[A-Z]{3}"));
        assertEquals(event, EventJson.fromBytes(EventJson.toBytes(event)), "the storage form keeps the event");
    }

    private static void id(String value, boolean required) {
        if (value == null) {
            assertFalse(required, "a required id is missing");
            return;
        }
        assertFalse(value.isBlank());
        assertTrue(value.length() <= EventDecoder.MAX_ID_LENGTH);
        assertTrue(value.chars().noneMatch(Character::isISOControl));
        assertTrue(EventDecoder.isWellFormed(value), "an id that does not survive UTF-8");
    }
}
