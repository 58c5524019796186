package io.ecrm.serving.http.routes;

import io.ecrm.recommender.ScoredItem;
import io.ecrm.schemas.RecommendationIds;
import io.ecrm.serving.TenantEngine;
import io.ecrm.serving.Tenants;
import io.ecrm.serving.http.ApiProblem;
import io.ecrm.serving.http.RequestParams;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code GET /v1/items/{id}/similar?count=10&category=}: the item's nearest neighbours, best first,
 * scored by log-likelihood similarity of co-occurrence in visitors' recent windows (0 to 1). Items
 * the catalogue marks unavailable are left out; {@code category} keeps only neighbours of that
 * catalogue category. 404 when the tenant has never seen the item; an item seen alone so far has
 * an empty list. Like every list answer it has a {@code recommendationId} and its items their
 * {@code position}, for the impression and click events that report what came of it.
 */
public final class SimilarItems implements Handler {
    /** The answer. */
    public record Answer(String itemId, String recommendationId, List<ListedItem> items) {
    }

    private final Tenants tenants;
    private final int maxCount;

    public SimilarItems(Tenants tenants, int maxCount) {
        this.tenants = tenants;
        this.maxCount = maxCount;
    }

    @Override
    public void handle(Context ctx) {
        TenantEngine tenant = RequestParams.tenant(ctx, tenants);
        String id = RequestParams.id(ctx, "id");
        int count = RequestParams.count(ctx, 10, maxCount);
        String category = RequestParams.queryId(ctx, "category");
        List<ScoredItem> items = tenant.similar(id, count, category)
                .orElseThrow(() -> new ApiProblem(ApiProblem.Type.NOT_FOUND, "no events have named item " + id));
        ctx.json(new Answer(id, RecommendationIds.outsideExperiments(ThreadLocalRandom.current().nextLong()),
                ListedItem.first(items, items.size())));
    }
}
