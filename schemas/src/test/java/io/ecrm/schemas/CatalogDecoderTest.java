package io.ecrm.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CatalogDecoderTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static CatalogDecoder.Batch decode(String json) throws Exception {
        return new CatalogDecoder().decodeBatch(JSON.readTree(json));
    }

    @Test
    void readsItemsWithAvailabilityDefaultingToTrue() throws Exception {
        CatalogDecoder.Batch batch = decode("""
                [{"itemId": "phone-01", "name": "Phone One", "category": "phone", "price": 499.0, "currency": "EUR"},
                 {"itemId": "case-01", "available": false}]""");
        assertTrue(batch.valid());
        assertEquals(List.of(new CatalogItem("phone-01", "Phone One", "phone", 499.0, "EUR", true),
                new CatalogItem("case-01", null, null, null, null, false)), batch.items());
    }

    @Test
    void refusesTheWholeBatchNamingEveryBadField() throws Exception {
        CatalogDecoder.Batch batch = decode("""
                [{"itemId": "ok"},
                 {"name": "no id", "price": -1, "currency": "euro", "available": "yes", "colour": "red"}]""");
        assertFalse(batch.valid());
        assertEquals(List.of(), batch.items());
        assertEquals(Set.of("/1/colour", "/1/itemId", "/1/price", "/1/currency", "/1/available"),
                new HashSet<>(batch.errors().stream().map(FieldError::pointer).toList()));
    }

    @Test
    void schemaNamesExactlyTheFieldsTheValidatorKnows() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/schemas/catalog-item.v1.json")) {
            JsonNode schema = JSON.readTree(in);
            Set<String> properties = new HashSet<>();
            schema.get("properties").fieldNames().forEachRemaining(properties::add);
            assertEquals(CatalogDecoder.FIELDS, properties);
            assertEquals(EventDecoder.MAX_ID_LENGTH, schema.get("properties").get("itemId").get("maxLength").asInt());
            assertEquals(CatalogDecoder.MAX_NAME_LENGTH, schema.get("properties").get("name").get("maxLength").asInt());
        }
    }
}
