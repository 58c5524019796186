package io.ecrm.serving.http.routes;

import io.ecrm.serving.TenantEngine;
import io.ecrm.serving.Tenants;
import io.ecrm.serving.http.ApiProblem;
import io.ecrm.serving.http.OtherInstances;
import io.ecrm.serving.http.RequestParams;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code GET /v1/items/{id}/audience?count=20&includeAnonymous=false}: the customers most likely to
 * want an item, for a targeted campaign, best first: visitors whose recent items are the item or its
 * neighbours, scored by similarity, their strongest action on each, and recency; {@code because} is
 * the recent item that counts most. Visitors who bought the item are left out. Only customers
 * (who can be reached) unless {@code includeAnonymous=true}. Each instance scans the visitors it
 * holds; the instance asked gathers the others' answers, and answers 503 when one of them does not.
 * 404 when the tenant has never seen the item.
 */
public final class Audience implements Handler {
    /** The answer. */
    public record Answer(String itemId, List<TenantEngine.AudienceMember> members) {
    }

    private final Tenants tenants;
    private final OtherInstances others;
    private final int maxCount;

    public Audience(Tenants tenants, OtherInstances others, int maxCount) {
        this.tenants = tenants;
        this.others = others;
        this.maxCount = maxCount;
    }

    @Override
    public void handle(Context ctx) throws InterruptedException {
        TenantEngine tenant = RequestParams.tenant(ctx, tenants);
        String itemId = RequestParams.id(ctx, "id");
        int count = RequestParams.count(ctx, 20, maxCount);
        boolean includeAnonymous = RequestParams.flag(ctx, "includeAnonymous");
        if (tenant.similar(itemId, 1).isEmpty()) {
            throw new ApiProblem(ApiProblem.Type.NOT_FOUND, "no events of item " + itemId);
        }
        List<TenantEngine.AudienceMember> members = new ArrayList<>(tenant.audience(itemId, count, includeAnonymous));
        for (Answer other : others.ask(ctx, tenant.streams(), Answer.class, "audience")) {
            members.addAll(other.members());
        }
        members.sort(Comparator.comparingDouble(TenantEngine.AudienceMember::score).reversed()
                .thenComparing(TenantEngine.AudienceMember::id));
        ctx.json(new Answer(itemId, members.subList(0, Math.min(count, members.size()))));
    }
}
