package io.ecrm.serving.tenants;

import java.util.List;

/** One tenant in the tenants file: id, display name, browser origins allowed, and its API keys (hashed). */
public record TenantRecord(String id, String name, List<String> allowedOrigins, List<StoredKey> keys) {
    public TenantRecord {
        allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
        keys = keys == null ? List.of() : List.copyOf(keys);
    }
}
