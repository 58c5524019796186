package io.ecrm.schemas;

/** The storage form of a {@link CatalogItem} on the catalogue topic: JSON, as in the schema. */
public final class CatalogJson {
    private static final JsonForm<CatalogItem> FORM = new JsonForm<>(CatalogItem.class);

    private CatalogJson() {
    }

    public static byte[] toBytes(CatalogItem item) {
        return FORM.toBytes(item);
    }

    public static CatalogItem fromBytes(byte[] bytes) {
        return FORM.fromBytes(bytes);
    }
}
