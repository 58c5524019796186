package io.ecrm.serving.http.routes;

import io.ecrm.schemas.EventDecoder;
import io.ecrm.serving.TenantEngine;
import io.ecrm.serving.Tenants;
import io.ecrm.serving.http.ApiProblem;
import io.ecrm.serving.http.OtherInstances;
import io.ecrm.serving.http.RequestParams;
import io.ecrm.streams.Durations;
import io.ecrm.streams.earnings.EarningsKey;
import io.ecrm.streams.earnings.EarningsReport;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /v1/reports/recommendations?window=7d&placement=home}: what the tenant's recommendations
 * were shown and earned over the window (default {@code 7d}, at most {@code 90d}; {@code 30m},
 * {@code 24h}, {@code 2w} also read), per placement, most impressions first, and in total: lists
 * shown ({@code impressions}), items in them, clicks on recommended items, click-through rate
 * (clicks per list shown), and the cart adds, purchases and revenue attributed to those clicks
 * (within 24 h of a click on the item; last click wins), with the conversion rate (purchases per
 * click). A rate is null while nothing was shown or clicked. Counted by event time, per hour: the
 * window runs from the start of the hour it reaches back to ({@code from}) to the end of the
 * current hour ({@code to}, exclusive). {@code placement} (optional) keeps one.
 * Each instance sums the visitors it holds; the instance asked adds up the others' answers.
 */
public final class RecommendationReport implements Handler {
    /** The answer: the window as used, and the lines. */
    public record Answer(String tenant, String window, String from, String to, List<EarningsReport.Line> placements,
                         EarningsReport.Line total) {
    }

    private static final String DEFAULT_WINDOW = "7d";

    private final Tenants tenants;
    private final OtherInstances others;

    public RecommendationReport(Tenants tenants, OtherInstances others) {
        this.tenants = tenants;
        this.others = others;
    }

    @Override
    public void handle(Context ctx) throws InterruptedException {
        TenantEngine tenant = RequestParams.tenant(ctx, tenants);
        String window = ctx.queryParam("window") == null ? DEFAULT_WINDOW : ctx.queryParam("window");
        long windowMillis = Durations.millis(window).orElse(-1);
        ApiProblem.check(windowMillis > 0 && windowMillis <= EarningsReport.KEPT.toMillis(), "query/window",
                "must be a duration like 24h, 7d or 2w, at most " + EarningsReport.KEPT.toDays() + "d (how long earnings are kept)");
        String placement = ctx.queryParam("placement") == null ? null
                : RequestParams.checkedQueryId(ctx.queryParam("placement"), "placement", ctx);
        ApiProblem.check(placement == null || placement.length() <= EventDecoder.MAX_PLACEMENT_LENGTH, "query/placement",
                "must be at most " + EventDecoder.MAX_PLACEMENT_LENGTH + " characters");
        long now = System.currentTimeMillis();
        EarningsReport report = new EarningsReport(now - windowMillis, placement);
        tenant.streams().forEachLocalEarnings(report::add);
        for (Answer other : others.ask(ctx, tenant.streams(), Answer.class, "report")) {
            report.addLines(other.placements());
        }
        long to = Math.floorDiv(now, EarningsKey.HOUR_MILLIS) * EarningsKey.HOUR_MILLIS + EarningsKey.HOUR_MILLIS;
        ctx.json(new Answer(tenant.topics().tenant().value(), window, Instant.ofEpochMilli(report.fromMillis()).toString(),
                Instant.ofEpochMilli(to).toString(), report.lines(), report.total()));
    }
}
