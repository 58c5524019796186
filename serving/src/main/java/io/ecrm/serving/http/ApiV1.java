package io.ecrm.serving.http;

import io.ecrm.serving.http.routes.Audience;
import io.ecrm.serving.http.routes.Audit;
import io.ecrm.serving.http.routes.Catalog;
import io.ecrm.serving.http.routes.Collect;
import io.ecrm.serving.http.routes.Console;
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
import io.ecrm.serving.http.routes.Stats;
import io.ecrm.serving.http.routes.TrackerScript;
import io.ecrm.serving.http.routes.TrendingItems;
import io.ecrm.serving.tenants.Scope;
import io.javalin.Javalin;
import io.javalin.http.Context;
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
                    RecommendationReport recommendationReport, Experiments experiments, AuditTrail trail, Audit audit, Stats stats, Console console) {
    /**
     * One route: method, path (Javalin syntax, {@code {id}} for a path parameter), the scope its key
     * needs (null for a route that takes no key, or any key), and handler.
     */
    public record Route(HandlerType method, String path, Scope scope, Handler handler) {
    }

    public List<Route> routes() {
        return List.of(
                // what is asked most first: Javalin tries a method's templates in this order, a
                // regular expression each, until one matches; the liveness probe, then what a shop's
                // pages ask on every view
                new Route(HandlerType.GET, "/health/live", null, ctx -> health.live(ctx)),
                new Route(HandlerType.GET, "/v1/customers/{id}/recommendations", Scope.READ, recommendations),
                new Route(HandlerType.GET, "/v1/items/{id}/similar", Scope.READ, similarItems),
                new Route(HandlerType.GET, "/v1/items/popular", Scope.READ, popularItems),
                new Route(HandlerType.GET, "/v1/items/trending", Scope.READ, trendingItems),
                new Route(HandlerType.POST, "/v1/events", Scope.EVENTS, events),
                new Route(HandlerType.POST, "/v1/collect", null, collect),
                new Route(HandlerType.GET, "/v1/pixel.gif", null, pixel),
                // then the rest
                new Route(HandlerType.GET, "/health", null, ctx -> health.ready(ctx)),
                new Route(HandlerType.GET, "/health/ready", null, ctx -> health.ready(ctx)),
                new Route(HandlerType.GET, "/metrics", null, metrics),
                new Route(HandlerType.GET, "/openapi.json", null, openApi),
                new Route(HandlerType.GET, "/ecrm.js", null, trackerScript),
                new Route(HandlerType.GET, "/console", null, console),
                new Route(HandlerType.GET, "/console/{file}", null, ctx -> console.file(ctx)),
                new Route(HandlerType.POST, "/v1/catalog", Scope.EVENTS, catalog),
                new Route(HandlerType.GET, "/v1/catalog", Scope.READ, ctx -> catalog.list(ctx)),
                new Route(HandlerType.OPTIONS, "/v1/collect", null, ctx -> ctx.status(204)),
                new Route(HandlerType.GET, "/v1/customers/{id}", Scope.READ, customers),
                new Route(HandlerType.DELETE, "/v1/customers/{id}", Scope.ADMIN, ctx -> customers.forget(ctx)),
                new Route(HandlerType.GET, "/v1/items/{id}/audience", Scope.READ, audience),
                new Route(HandlerType.GET, "/v1/segments", Scope.READ, segments),
                new Route(HandlerType.PUT, "/v1/segments/{name}", Scope.ADMIN, ctx -> segments.put(ctx)),
                new Route(HandlerType.DELETE, "/v1/segments/{name}", Scope.ADMIN, ctx -> segments.delete(ctx)),
                new Route(HandlerType.GET, "/v1/customers/{id}/segments", Scope.READ, customerSegments),
                new Route(HandlerType.POST, "/v1/segments/{name}/exports", Scope.ADMIN, segmentExports),
                new Route(HandlerType.GET, "/v1/exports/{id}", Scope.ADMIN, exports),
                new Route(HandlerType.GET, "/v1/exports/{id}/file", Scope.ADMIN, ctx -> exports.file(ctx)),
                new Route(HandlerType.GET, "/v1/model", Scope.READ, model),
                new Route(HandlerType.PUT, "/v1/model/settings", Scope.ADMIN, ctx -> model.put(ctx)),
                new Route(HandlerType.POST, "/v1/model/tuning", Scope.ADMIN, ctx -> model.tune(ctx)),
                new Route(HandlerType.GET, "/v1/model/tuning/{id}", Scope.READ, ctx -> model.job(ctx)),
                new Route(HandlerType.GET, "/v1/reports/recommendations", Scope.READ, recommendationReport),
                new Route(HandlerType.GET, "/v1/experiments", Scope.READ, ctx -> experiments.list(ctx)),
                new Route(HandlerType.PUT, "/v1/experiments/{name}", Scope.ADMIN, ctx -> experiments.put(ctx)),
                new Route(HandlerType.GET, "/v1/experiments/{name}", Scope.READ, experiments),
                new Route(HandlerType.POST, "/v1/experiments/{name}/stop", Scope.ADMIN, ctx -> experiments.stop(ctx)),
                new Route(HandlerType.POST, "/v1/experiments/{name}/promote", Scope.ADMIN, ctx -> experiments.promote(ctx)),
                new Route(HandlerType.GET, "/v1/audit", Scope.ADMIN, audit),
                new Route(HandlerType.GET, "/v1/stats", Scope.READ, stats));
    }

    public void register(Javalin app) {
        app.before("/v1/*", auth);
        app.before("/v1/collect", cors::apply);
        for (Route route : routes()) {
            String name = route.method().name() + " " + route.path();
            app.addHttpHandler(route.method(), route.path(), route.scope() == null ? route.handler()
                    : audited(route) ? ctx -> audited(ctx, route, name) : ctx -> {
                        ApiKeyAuth.requireScope(ctx, route.scope(), name);
                        route.handler().handle(ctx);
                    });
        }
    }

    /**
     * Whether a route's requests go to the audit trail: the admin routes that change something, and
     * the download of an export (every customer of a segment); not the admin reads that poll (an
     * export's progress, the trail itself).
     */
    public static boolean audited(Route route) {
        return route.scope() == Scope.ADMIN && (route.method() != HandlerType.GET || route.path().endsWith("/file"));
    }

    /** Runs an admin route and writes what came of it to the audit trail, refusals included. */
    private void audited(Context ctx, Route route, String name) throws Exception {
        try {
            ApiKeyAuth.requireScope(ctx, route.scope(), name);
            route.handler().handle(ctx);
        } catch (ApiProblem problem) {
            trail.record(ctx, route.method().name(), route.path(), problem.type().status());
            throw problem;
        } catch (Exception | Error e) {
            trail.record(ctx, route.method().name(), route.path(), 500);
            throw e;
        }
        trail.record(ctx, route.method().name(), route.path(), ctx.statusCode());
    }
}
