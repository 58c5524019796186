package io.ecrm.serving.http;

import io.ecrm.schemas.EventDecoder;
import io.ecrm.serving.TenantEngine;
import io.ecrm.serving.Tenants;
import io.javalin.http.Context;

/** Reads and checks the parts of a request every route shares: tenant, ids, counts. */
public final class RequestParams {
    /** Names the tenant until API keys decide it; absent, the installation's default tenant is used. */
    public static final String TENANT_HEADER = "X-Ecrm-Tenant";
    /** The same for browsers and e-mail clients, which cannot set headers (collector, pixel). */
    public static final String TENANT_PARAM = "tenant";

    private RequestParams() {
    }

    public static TenantEngine tenant(Context ctx, Tenants tenants) {
        String named = ctx.header(TENANT_HEADER);
        if (named == null) {
            named = ctx.queryParam(TENANT_PARAM);
        }
        if (named == null) {
            return tenants.defaultTenant();
        }
        return tenants.find(named).orElseThrow(() -> new ApiProblem(ApiProblem.Type.NOT_FOUND, "no such tenant"));
    }

    /** A path id: 1 to 128 characters, no control characters (the same rule as ids in events). */
    public static String id(Context ctx, String name) {
        String id = ctx.pathParam(name);
        ApiProblem.check(!id.isBlank() && id.length() <= EventDecoder.MAX_ID_LENGTH, "path/" + name,
                "must be 1 to " + EventDecoder.MAX_ID_LENGTH + " characters");
        ApiProblem.check(id.chars().noneMatch(Character::isISOControl), "path/" + name, "must not contain control characters");
        return id;
    }

    /** The {@code count} query parameter: a whole number from 1 to {@code max}, {@code fallback} when absent. */
    public static int count(Context ctx, int fallback, int max) {
        String value = ctx.queryParam("count");
        if (value == null) {
            return fallback;
        }
        int count;
        try {
            count = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            count = -1;
        }
        ApiProblem.check(count >= 1 && count <= max, "query/count", "must be a whole number from 1 to " + max);
        return count;
    }
}
