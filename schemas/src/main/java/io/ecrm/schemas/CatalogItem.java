package io.ecrm.schemas;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * One product of a shop's catalogue (schema {@code catalog-item.v1.json}), as the engine keeps it:
 * what recommendations filter on (category, availability) and what profiles count (category).
 *
 * @param available false for an item that must not be recommended (sold out, withdrawn)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CatalogItem(String itemId, String name, String category, Double price, String currency, boolean available) {
    public CatalogItem {
        Objects.requireNonNull(itemId, "itemId");
    }
}
