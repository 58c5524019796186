package io.ecrm.serving;

import io.ecrm.schemas.TenantId;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The tenants this instance serves, by id; the first one configured is the default tenant. */
public final class Tenants {
    private final Map<TenantId, TenantEngine> engines = new LinkedHashMap<>();

    public void add(TenantId id, TenantEngine engine) {
        engines.put(id, engine);
    }

    public Optional<TenantEngine> find(String id) {
        if (!TenantId.isValid(id)) {
            return Optional.empty();
        }
        return Optional.ofNullable(engines.get(new TenantId(id)));
    }

    public TenantEngine defaultTenant() {
        return engines.values().iterator().next();
    }

    public Map<TenantId, TenantEngine> all() {
        return Map.copyOf(engines);
    }

    public Collection<TenantEngine> engines() {
        return engines.values();
    }
}
