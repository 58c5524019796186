package io.ecrm.serving.http.routes;

import io.ecrm.ingest.EventPublisher;
import io.ecrm.schemas.VisitorKey;
import io.ecrm.serving.TenantEngine;
import io.ecrm.serving.Tenants;
import io.ecrm.serving.http.ApiProblem;
import io.ecrm.serving.http.RequestParams;
import io.ecrm.serving.http.VisitorRouter;
import io.ecrm.streams.profile.CustomerProfile;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code DELETE /v1/customers/{id}} ({@link #forget}): erases the visitor (as a customer and as an
 * anonymous id): profile, recommendation history and click-rate state, with tombstones in their
 * changelogs. 202: the request is on Kafka; the erasure follows within a commit interval, after
 * which GET answers 404. Anonymous aggregates (item counts and neighbour lists) are kept.
 * <p>
 * {@code GET /v1/customers/{id}}: one visitor's whole picture, for the call centre: first and last
 * seen, visits, events by type, recent items (newest first, with what was done), recent searches,
 * current cart, orders, revenue and last order. The id is a customer id, or an anonymous id when
 * the visitor is not known by name. 404 when the tenant has no event of that visitor. Answered by
 * the instance holding the visitor ({@link VisitorRouter}), whichever instance is asked.
 */
public final class Customers implements Handler {
    /** The answer: the id asked for and the profile. */
    public record Answer(String customerId, CustomerProfile profile) {
    }

    /** The answer to an erasure request. */
    public record Forgetting(String customerId, String status) {
    }

    private final Tenants tenants;
    private final EventPublisher publisher;
    private final VisitorRouter router;

    public Customers(Tenants tenants, EventPublisher publisher, VisitorRouter router) {
        this.tenants = tenants;
        this.publisher = publisher;
        this.router = router;
    }

    /** Handles the DELETE. */
    public void forget(Context ctx) throws InterruptedException {
        TenantEngine tenant = RequestParams.tenant(ctx, tenants);
        String id = RequestParams.id(ctx, "id");
        try {
            publisher.forget(tenant.topics(), List.of(VisitorKey.customer(id), VisitorKey.anonymous(id)), "api")
                    .get(Events.PUBLISH_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            ctx.header("Retry-After", Events.RETRY_AFTER_SECONDS);
            throw new ApiProblem(ApiProblem.Type.UNAVAILABLE, "the erasure request was not taken; send it again");
        }
        ctx.status(202).json(new Forgetting(id, "erasing"));
    }

    @Override
    public void handle(Context ctx) throws InterruptedException {
        TenantEngine tenant = RequestParams.tenant(ctx, tenants);
        String id = RequestParams.id(ctx, "id");
        CustomerProfile profile = router.profile(ctx, tenant, id);
        if (profile == null) {
            return; // answered by the instance holding the visitor
        }
        ctx.json(new Answer(id, profile));
    }
}
