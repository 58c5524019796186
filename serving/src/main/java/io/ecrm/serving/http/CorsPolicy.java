package io.ecrm.serving.http;

import io.ecrm.serving.tenants.TenantRecord;
import io.ecrm.serving.tenants.TenantRegistry;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;

/**
 * Lets a shop's own pages send events to the collector from the browser: answers CORS for the
 * origins configured for the tenant the request names ({@code ?tenant=}, in the tenants file),
 * or, for a tenant without its own list, for the installation's {@code --allowed-origins}
 * ({@code *} allows any). Other origins get no CORS headers, so browsers refuse their requests.
 */
public final class CorsPolicy {
    private final List<String> defaultOrigins;
    private final TenantRegistry registry;

    public CorsPolicy(List<String> defaultOrigins, TenantRegistry registry) {
        this.defaultOrigins = List.copyOf(defaultOrigins);
        this.registry = registry;
    }

    /** Whether a page of {@code origin} may send events for {@code tenant} (null: the default tenant). */
    public boolean allows(String tenant, String origin) {
        if (origin == null) {
            return false;
        }
        List<String> allowed = Optional.ofNullable(tenant).flatMap(registry::find).map(TenantRecord::allowedOrigins)
                .filter(list -> !list.isEmpty()).orElse(defaultOrigins);
        return allowed.contains("*") || allowed.contains(origin);
    }

    /** Adds the CORS headers when the request's origin is allowed. */
    public void apply(Context ctx) {
        String origin = ctx.header("Origin");
        if (allows(ctx.queryParam(RequestParams.TENANT_PARAM), origin)) {
            ctx.header("Access-Control-Allow-Origin", origin);
            ctx.header("Vary", "Origin");
            ctx.header("Access-Control-Allow-Methods", "POST, GET, OPTIONS");
            ctx.header("Access-Control-Allow-Headers", "Content-Type");
            ctx.header("Access-Control-Max-Age", "86400");
        }
    }
}
