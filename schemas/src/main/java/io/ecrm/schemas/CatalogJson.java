package io.ecrm.schemas;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The storage form of a {@link CatalogItem} on the catalogue topic: JSON, as in the schema. */
public final class CatalogJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private CatalogJson() {
    }

    public static byte[] toBytes(CatalogItem item) {
        try {
            return MAPPER.writeValueAsBytes(item);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a CatalogItem always serialises", e);
        }
    }

    public static CatalogItem fromBytes(byte[] bytes) {
        try {
            return MAPPER.readValue(bytes, CatalogItem.class);
        } catch (IOException e) {
            throw new UncheckedIOException("not a stored CatalogItem", e);
        }
    }
}
