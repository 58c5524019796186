package io.ecrm.serving.http;

import io.ecrm.serving.tenants.Scope;
import io.ecrm.serving.tenants.TenantRegistry;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every {@code /v1} request carries {@code Authorization: Bearer <key>}, and the key decides the
 * tenant: a request can only ever reach its own tenant's data. The key is checked by
 * {@link QuotaGate}, in front of the router; here, missing or unknown keys get a 401;
 * a key without the scope a route needs ({@link Scope}, the route table says which) a 403; a tenant
 * over its quota of requests a 429, answered before the router by {@link QuotaGate}.
 * The write-only browser routes ({@code /v1/collect}, {@code /v1/pixel.gif}) are open, as a page
 * cannot keep a secret; they name their tenant instead.
 */
public final class ApiKeyAuth implements Handler {
    /** Routes that take no key: what a browser page or an e-mail sends. */
    public static final Set<String> OPEN_PATHS = Set.of("/v1/collect", "/v1/pixel.gif");


    @Override
    public void handle(Context ctx) {
        if (OPEN_PATHS.contains(ctx.path()) || "OPTIONS".equals(ctx.method().name())) {
            return;
        }
        ctx.header("WWW-Authenticate", "Bearer realm=\"ecrm\"");
        if (ctx.attribute(CALLER_ATTRIBUTE) != null) {
            return; // a valid key, checked and counted against the quota by the gate in front (QuotaGate)
        }
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new ApiProblem(ApiProblem.Type.UNAUTHORIZED, "send the tenant's API key as Authorization: Bearer <key>");
        }
        throw new ApiProblem(ApiProblem.Type.UNAUTHORIZED, "the API key is not valid (unknown, revoked or rotated)");
    }

    /** Where the authenticated caller of a request is kept. */
    static final String CALLER_ATTRIBUTE = "ecrm.caller";

    /**
     * Refuses a request whose key lacks {@code scope} with a 403 naming it; a route without a scope
     * (open to all, or keyless) lets every request through.
     */
    static void requireScope(Context ctx, Scope scope, String route) {
        if (scope == null) {
            return;
        }
        TenantRegistry.Caller caller = ctx.attribute(CALLER_ATTRIBUTE);
        if (caller != null && !caller.scopes().contains(scope)) {
            throw new ApiProblem(ApiProblem.Type.FORBIDDEN, "the key " + caller.keyName() + " lacks the scope " + scope.wireName()
                    + " that " + route + " needs", List.of(), Map.of("scope", scope.wireName()));
        }
    }
}
