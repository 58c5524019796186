package io.ecrm.serving.http;

import io.ecrm.schemas.TenantId;
import io.ecrm.serving.tenants.TenantRegistry;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Optional;
import java.util.Set;

/**
 * Every {@code /v1} request carries {@code Authorization: Bearer <key>}, and the key decides the
 * tenant: a request can only ever reach its own tenant's data. Missing or unknown keys get a 401.
 * The write-only browser routes ({@code /v1/collect}, {@code /v1/pixel.gif}) are open, as a page
 * cannot keep a secret; they name their tenant instead.
 */
public final class ApiKeyAuth implements Handler {
    /** Routes that take no key: what a browser page or an e-mail sends. */
    public static final Set<String> OPEN_PATHS = Set.of("/v1/collect", "/v1/pixel.gif");

    private final TenantRegistry registry;

    public ApiKeyAuth(TenantRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void handle(Context ctx) {
        if (OPEN_PATHS.contains(ctx.path()) || "OPTIONS".equals(ctx.method().name())) {
            return;
        }
        String header = ctx.header("Authorization");
        ctx.header("WWW-Authenticate", "Bearer realm=\"ecrm\"");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new ApiProblem(ApiProblem.Type.UNAUTHORIZED, "send the tenant's API key as Authorization: Bearer <key>");
        }
        Optional<TenantId> tenant = registry.authenticate(header.substring(7).strip());
        if (tenant.isEmpty()) {
            throw new ApiProblem(ApiProblem.Type.UNAUTHORIZED, "the API key is not valid (unknown, or rotated)");
        }
        ctx.attribute(RequestParams.TENANT_ATTRIBUTE, tenant.get());
    }
}
