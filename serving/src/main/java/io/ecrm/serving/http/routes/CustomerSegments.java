package io.ecrm.serving.http.routes;

import io.ecrm.serving.TenantEngine;
import io.ecrm.serving.Tenants;
import io.ecrm.serving.http.ApiProblem;
import io.ecrm.serving.http.RequestParams;
import io.ecrm.serving.http.VisitorRouter;
import io.ecrm.serving.segments.SegmentRegistry;
import io.ecrm.streams.profile.CustomerProfile;
import io.ecrm.streams.segments.RfmScore;
import io.ecrm.streams.segments.SegmentSnapshot;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /v1/customers/{id}/segments}: the segments one visitor is in, with their RFM scores
 * (1-5 each, absent for a visitor who never bought) and cell, and their behaviour cluster;
 * membership is worked out from the current profile with the tenant's last computed segments
 * (see {@code GET /v1/segments}). The id is a customer id, or an anonymous id. 404 when the
 * tenant has no event of that visitor.
 */
public final class CustomerSegments implements Handler {
    /** One segment of the visitor. */
    public record Membership(String name, String kind) {
    }

    /** The answer. */
    public record Answer(String customerId, String asOf, RfmScore rfm, String cluster, List<Membership> segments) {
    }

    private final Tenants tenants;
    private final SegmentRegistry segments;
    private final VisitorRouter router;

    public CustomerSegments(Tenants tenants, SegmentRegistry segments, VisitorRouter router) {
        this.tenants = tenants;
        this.segments = segments;
        this.router = router;
    }

    @Override
    public void handle(Context ctx) throws InterruptedException {
        TenantEngine tenant = RequestParams.tenant(ctx, tenants);
        String id = RequestParams.id(ctx, "id");
        CustomerProfile profile = router.profile(ctx, tenant, id);
        if (profile == null) {
            return; // answered by the instance holding the visitor
        }
        SegmentSnapshot snapshot = segments.of(tenant).snapshot(false);
        SegmentSnapshot.Membership m = snapshot.membership(profile);
        List<Membership> all = m.segments().stream()
                .map(name -> new Membership(name, snapshot.segment(name).map(s -> s.kind().wireName()).orElse("rule")))
                .toList();
        ctx.json(new Answer(id, Instant.ofEpochMilli(snapshot.asOfMillis()).toString(), m.rfm(), m.cluster(), all));
    }
}
