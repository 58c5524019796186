package io.ecrm.serving.http.routes;

import io.ecrm.recommender.ScoredItem;
import io.ecrm.schemas.RecommendationIds;
import io.ecrm.serving.TenantEngine;
import io.ecrm.serving.Tenants;
import io.ecrm.serving.http.ApiProblem;
import io.ecrm.serving.http.RequestParams;
import io.ecrm.streams.items.ActivityWindow;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code GET /v1/items/trending?window=24h&count=10}: the tenant's rising items, best first. An
 * item's activity in the window (its weighted events, each counting less the older it is, halved
 * once per window) is compared with what its activity over the next longer window predicts
 * (1h against 24h, 24h against 7d, 7d against 28d); the score is how many standard deviations it
 * stands above that (a Poisson z-score). Only items above their baseline are listed; sold-out items
 * are left out. Times are the tenant's own clock: its newest event. {@code window} is one of
 * 1h, 24h (the default) and 7d; anything else is a 400 naming {@code query/window}. The answer has
 * a {@code recommendationId} and its items their {@code position}.
 */
public final class TrendingItems implements Handler {
    /** The answer. */
    public record Answer(String window, String recommendationId, List<ListedItem> items) {
    }

    private final Tenants tenants;
    private final int maxCount;

    public TrendingItems(Tenants tenants, int maxCount) {
        this.tenants = tenants;
        this.maxCount = maxCount;
    }

    @Override
    public void handle(Context ctx) {
        TenantEngine tenant = RequestParams.tenant(ctx, tenants);
        int count = RequestParams.count(ctx, 10, maxCount);
        String label = ctx.queryParam("window") == null ? ActivityWindow.DAY.label() : ctx.queryParam("window");
        ActivityWindow window = ActivityWindow.ofLabel(label).filter(w -> w.baseline().isPresent()).orElse(null);
        ApiProblem.check(window != null, "query/window", "must be one of " + ActivityWindow.trendingLabels());
        List<ScoredItem> items = tenant.trending(window);
        ctx.json(new Answer(window.label(), RecommendationIds.outsideExperiments(ThreadLocalRandom.current().nextLong()),
                ListedItem.first(items, count)));
    }
}
