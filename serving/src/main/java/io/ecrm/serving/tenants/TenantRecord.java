package io.ecrm.serving.tenants;

import java.util.List;

/**
 * One tenant in the tenants file: id, display name, browser origins allowed, its API keys (hashed)
 * and its quota (null: {@link Quota#DEFAULTS}).
 */
public record TenantRecord(String id, String name, List<String> allowedOrigins, List<StoredKey> keys, Quota quota) {
    public TenantRecord {
        allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
        keys = keys == null ? List.of() : List.copyOf(keys);
        quota = quota == null ? Quota.DEFAULTS : quota;
    }

    public TenantRecord withKeys(List<StoredKey> next) {
        return new TenantRecord(id, name, allowedOrigins, next, quota);
    }
}
