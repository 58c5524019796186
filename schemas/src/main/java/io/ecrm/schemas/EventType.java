package io.ecrm.schemas;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/** What a visitor did. The wire names are the lower-case names used in the JSON Schema. */
public enum EventType {
    PAGE_VIEW("page_view", false),
    PRODUCT_VIEW("product_view", true),
    SEARCH("search", false),
    ADD_TO_CART("add_to_cart", true),
    REMOVE_FROM_CART("remove_from_cart", true),
    PURCHASE("purchase", true),
    LOGIN("login", false),
    /** A recommendation list shown to the visitor: something the shop did, not the visitor. */
    IMPRESSION("impression", false);

    private final String wireName;
    private final boolean needsItem;

    EventType(String wireName, boolean needsItem) {
        this.wireName = wireName;
        this.needsItem = needsItem;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** True for the types that are about one product and so must carry an itemId. */
    public boolean needsItem() {
        return needsItem;
    }

    public static Optional<EventType> fromWireName(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }

    @JsonCreator
    static EventType ofWireName(String name) {
        return fromWireName(name).orElseThrow(() -> new IllegalArgumentException("unknown event type " + name));
    }
}
