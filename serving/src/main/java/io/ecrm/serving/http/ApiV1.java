package io.ecrm.serving.http;

import io.ecrm.serving.http.routes.Audience;
import io.ecrm.serving.http.routes.Catalog;
import io.ecrm.serving.http.routes.Collect;
import io.ecrm.serving.http.routes.CustomerSegments;
import io.ecrm.serving.http.routes.Customers;
import io.ecrm.serving.http.routes.Events;
import io.ecrm.serving.http.routes.Experiments;
import io.ecrm.serving.http.routes.Exports;
import io.ecrm.serving.http.routes.Health;
import io.ecrm.serving.http.routes.Metrics;
import io.ecrm.serving.http.routes.Model;
import io.ecrm.serving.http.routes.OpenApi;
import io.ecrm.serving.http.routes.Pixel;
import io.ecrm.serving.http.routes.PopularItems;
import io.ecrm.serving.http.routes.RecommendationReport;
import io.ecrm.serving.http.routes.Recommendations;
import io.ecrm.serving.http.routes.SegmentExports;
import io.ecrm.serving.http.routes.Segments;
import io.ecrm.serving.http.routes.SimilarItems;
import io.ecrm.serving.http.routes.TrackerScript;
import io.ecrm.serving.http.routes.TrendingItems;
import io.javalin.Javalin;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.List;

/**
 * Every route of the API in one place, each pointing at the one handler class that documents it.
 * The table is also what tests check against {@code openapi.json}, so an undocumented route fails.
 */
public record ApiV1(ApiKeyAuth auth, Events events, Catalog catalog, Collect collect, Pixel pixel, TrackerScript trackerScript,
                    CorsPolicy cors, Customers customers, Recommendations recommendations, SimilarItems similarItems,
                    PopularItems popularItems, TrendingItems trendingItems, Audience audience, Health health, Metrics metrics, OpenApi openApi,
                    Segments segments, CustomerSegments customerSegments, SegmentExports segmentExports, Exports exports, Model model,
                    RecommendationReport recommendationReport, Experiments experiments) {
    /** One route: method, path (Javalin syntax, {@code {id}} for a path parameter) and handler. */
    public record Route(HandlerType method, String path, Handler handler) {
    }

    public List<Route> routes() {
        return List.of(
                new Route(HandlerType.GET, "/health", ctx -> health.ready(ctx)),
                new Route(HandlerType.GET, "/health/live", ctx -> health.live(ctx)),
                new Route(HandlerType.GET, "/health/ready", ctx -> health.ready(ctx)),
                new Route(HandlerType.GET, "/metrics", metrics),
                new Route(HandlerType.GET, "/openapi.json", openApi),
                new Route(HandlerType.GET, "/ecrm.js", trackerScript),
                new Route(HandlerType.POST, "/v1/events", events),
                new Route(HandlerType.POST, "/v1/catalog", catalog),
                new Route(HandlerType.OPTIONS, "/v1/collect", ctx -> ctx.status(204)),
                new Route(HandlerType.POST, "/v1/collect", collect),
                new Route(HandlerType.GET, "/v1/pixel.gif", pixel),
                new Route(HandlerType.GET, "/v1/customers/{id}", customers),
                new Route(HandlerType.DELETE, "/v1/customers/{id}", ctx -> customers.forget(ctx)),
                new Route(HandlerType.GET, "/v1/customers/{id}/recommendations", recommendations),
                new Route(HandlerType.GET, "/v1/items/popular", popularItems),
                new Route(HandlerType.GET, "/v1/items/trending", trendingItems),
                new Route(HandlerType.GET, "/v1/items/{id}/audience", audience),
                new Route(HandlerType.GET, "/v1/items/{id}/similar", similarItems),
                new Route(HandlerType.GET, "/v1/segments", segments),
                new Route(HandlerType.PUT, "/v1/segments/{name}", ctx -> segments.put(ctx)),
                new Route(HandlerType.DELETE, "/v1/segments/{name}", ctx -> segments.delete(ctx)),
                new Route(HandlerType.GET, "/v1/customers/{id}/segments", customerSegments),
                new Route(HandlerType.POST, "/v1/segments/{name}/exports", segmentExports),
                new Route(HandlerType.GET, "/v1/exports/{id}", exports),
                new Route(HandlerType.GET, "/v1/exports/{id}/file", ctx -> exports.file(ctx)),
                new Route(HandlerType.GET, "/v1/model", model),
                new Route(HandlerType.PUT, "/v1/model/settings", ctx -> model.put(ctx)),
                new Route(HandlerType.POST, "/v1/model/tuning", ctx -> model.tune(ctx)),
                new Route(HandlerType.GET, "/v1/model/tuning/{id}", ctx -> model.job(ctx)),
                new Route(HandlerType.GET, "/v1/reports/recommendations", recommendationReport),
                new Route(HandlerType.GET, "/v1/experiments", ctx -> experiments.list(ctx)),
                new Route(HandlerType.PUT, "/v1/experiments/{name}", ctx -> experiments.put(ctx)),
                new Route(HandlerType.GET, "/v1/experiments/{name}", experiments),
                new Route(HandlerType.POST, "/v1/experiments/{name}/stop", ctx -> experiments.stop(ctx)),
                new Route(HandlerType.POST, "/v1/experiments/{name}/promote", ctx -> experiments.promote(ctx)));
    }

    public void register(Javalin app) {
        app.before("/v1/*", auth);
        app.before("/v1/collect", cors::apply);
        for (Route route : routes()) {
            app.addHttpHandler(route.method(), route.path(), route.handler());
        }
    }
}
