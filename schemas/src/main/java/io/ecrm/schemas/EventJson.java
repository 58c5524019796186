package io.ecrm.schemas;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The storage form of a {@link ClickEvent} on Kafka topics: compact JSON with the timestamp as
 * {@code timestampMillis}. Only already validated events are written in this form.
 */
public final class EventJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private EventJson() {
    }

    public static byte[] toBytes(ClickEvent event) {
        try {
            return MAPPER.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a ClickEvent always serialises", e);
        }
    }

    public static ClickEvent fromBytes(byte[] bytes) {
        try {
            return MAPPER.readValue(bytes, ClickEvent.class);
        } catch (IOException e) {
            throw new UncheckedIOException("not a stored ClickEvent", e);
        }
    }
}
