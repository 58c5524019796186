package io.ecrm.serving.http.routes;

import io.ecrm.recommender.ScoredItem;
import io.ecrm.serving.TenantEngine;
import io.ecrm.serving.Tenants;
import io.ecrm.serving.http.RequestParams;
import io.ecrm.serving.http.VisitorRouter;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.List;

/**
 * {@code GET /v1/customers/{id}/recommendations?count=10}: what this visitor should see next.
 * The id is a customer id, or an anonymous id when the visitor is not known by name. Items are
 * best first, with a score and, for neighbour items, the recent item that brought them
 * ({@code because}). A visitor we have not seen yet gets the tenant's popular items: the answer
 * is never empty once the tenant has any data. Answered by the instance holding the visitor
 * ({@link VisitorRouter}), whichever instance is asked.
 */
public final class Recommendations implements Handler {
    /** The answer. */
    public record Answer(String customerId, List<ScoredItem> items) {
    }

    private final Tenants tenants;
    private final int maxCount;
    private final VisitorRouter router;

    public Recommendations(Tenants tenants, int maxCount, VisitorRouter router) {
        this.tenants = tenants;
        this.maxCount = maxCount;
        this.router = router;
    }

    @Override
    public void handle(Context ctx) throws InterruptedException {
        TenantEngine tenant = RequestParams.tenant(ctx, tenants);
        String id = RequestParams.id(ctx, "id");
        int count = RequestParams.count(ctx, 10, maxCount);
        if (router.relayedFromOwner(ctx, tenant, id, (engine, key) -> engine.streams().visitorHistory(key) != null)) {
            return;
        }
        ctx.json(new Answer(id, tenant.recommend(id, count)));
    }
}
