package io.ecrm.serving.http.routes;

import io.ecrm.recommender.ScoredItem;
import io.ecrm.schemas.RecommendationIds;
import io.ecrm.serving.TenantEngine;
import io.ecrm.serving.Tenants;
import io.ecrm.serving.http.RequestParams;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code GET /v1/items/popular?count=10}: the tenant's most popular items, best first, each scored
 * by its weighted count over all time (a view, an add-to-cart and a purchase weigh as the
 * recommender's event weights say). The list is recomputed from the item counts every two seconds,
 * not per request, and holds at most the 500 best items; a tenant without data gets an empty list.
 * The answer has a {@code recommendationId} and its items their {@code position}.
 */
public final class PopularItems implements Handler {
    /** The answer. */
    public record Answer(String recommendationId, List<ListedItem> items) {
    }

    private final Tenants tenants;
    private final int maxCount;

    public PopularItems(Tenants tenants, int maxCount) {
        this.tenants = tenants;
        this.maxCount = maxCount;
    }

    @Override
    public void handle(Context ctx) {
        TenantEngine tenant = RequestParams.tenant(ctx, tenants);
        int count = RequestParams.count(ctx, 10, maxCount);
        List<ScoredItem> popular = tenant.popular();
        ctx.json(new Answer(RecommendationIds.outsideExperiments(ThreadLocalRandom.current().nextLong()),
                ListedItem.first(popular, count)));
    }
}
