package io.ecrm.serving.http.routes;

import io.ecrm.serving.TenantEngine;
import io.ecrm.serving.Tenants;
import io.ecrm.serving.http.ApiProblem;
import io.ecrm.serving.http.RequestParams;
import io.ecrm.streams.profile.CustomerProfile;
import io.javalin.http.Context;
import io.javalin.http.Handler;

/**
 * {@code GET /v1/customers/{id}}: one visitor's whole picture, for the call centre: first and last
 * seen, visits, events by type, recent items (newest first, with what was done), recent searches,
 * current cart, orders, revenue and last order. The id is a customer id, or an anonymous id when
 * the visitor is not known by name. 404 when the tenant has no event of that visitor.
 */
public final class Customers implements Handler {
    /** The answer: the id asked for and the profile. */
    public record Answer(String customerId, CustomerProfile profile) {
    }

    private final Tenants tenants;

    public Customers(Tenants tenants) {
        this.tenants = tenants;
    }

    @Override
    public void handle(Context ctx) {
        TenantEngine tenant = RequestParams.tenant(ctx, tenants);
        String id = RequestParams.id(ctx, "id");
        CustomerProfile profile = tenant.profile(id)
                .orElseThrow(() -> new ApiProblem(ApiProblem.Type.NOT_FOUND, "no events of customer " + id));
        ctx.json(new Answer(id, profile));
    }
}
