package io.ecrm.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The one validator of catalogue items ({@code catalog-item.v1.json}): every field error of a
 * batch at once, and a batch with any error refused whole.
 */
public final class CatalogDecoder {
    public static final int MAX_NAME_LENGTH = 256;
    static final Set<String> FIELDS = Set.of("itemId", "name", "category", "price", "currency", "available");

    /** The items of a batch, or the reasons it was refused; never both. */
    public record Batch(List<CatalogItem> items, List<FieldError> errors) {
        public boolean valid() {
            return errors.isEmpty();
        }
    }

    public Batch decodeBatch(JsonNode body) {
        if (body == null || !body.isArray()) {
            return new Batch(List.of(), List.of(new FieldError("", "expected a JSON array of catalogue items")));
        }
        List<CatalogItem> items = new ArrayList<>(body.size());
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < body.size(); i++) {
            decode(body.get(i), "/" + i, errors).ifPresent(items::add);
        }
        return errors.isEmpty() ? new Batch(List.copyOf(items), List.of()) : new Batch(List.of(), List.copyOf(errors));
    }

    Optional<CatalogItem> decode(JsonNode node, String at, List<FieldError> errors) {
        if (node == null || !node.isObject()) {
            errors.add(new FieldError(at, "expected a JSON object"));
            return Optional.empty();
        }
        int before = errors.size();
        EventDecoder.unknownFields(node, FIELDS, at, errors);
        JsonFields f = new JsonFields(node, at, errors);
        String itemId = f.string("itemId", EventDecoder.MAX_ID_LENGTH, true);
        String name = f.string("name", MAX_NAME_LENGTH, false);
        String category = f.string("category", EventDecoder.MAX_ID_LENGTH, false);
        Double price = f.price();
        String currency = f.currency();
        boolean available = f.bool("available", true);
        return errors.size() > before ? Optional.empty()
                : Optional.of(new CatalogItem(itemId, name, category, price, currency, available));
    }
}
