package io.ecrm.schemas;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The JSON storage form of one kind of value on a topic or in a store: written compact (no null
 * fields), read leniently (fields a later version added are skipped), so any consumer can read it.
 */
public final class JsonForm<T> {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final Class<T> type;

    public JsonForm(Class<T> type) {
        this.type = type;
    }

    public byte[] toBytes(T value) {
        try {
            return value == null ? null : MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a " + type.getSimpleName() + " always serialises", e);
        }
    }

    public T fromBytes(byte[] bytes) {
        try {
            return bytes == null ? null : MAPPER.readValue(bytes, type);
        } catch (IOException e) {
            throw new UncheckedIOException("not a stored " + type.getSimpleName(), e);
        }
    }
}
