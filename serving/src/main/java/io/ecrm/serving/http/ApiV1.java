package io.ecrm.serving.http;

import io.ecrm.serving.http.routes.Collect;
import io.ecrm.serving.http.routes.Customers;
import io.ecrm.serving.http.routes.Events;
import io.ecrm.serving.http.routes.Health;
import io.ecrm.serving.http.routes.Metrics;
import io.ecrm.serving.http.routes.Pixel;
import io.ecrm.serving.http.routes.Recommendations;
import io.ecrm.serving.http.routes.SimilarItems;
import io.ecrm.serving.http.routes.TrackerScript;
import io.javalin.Javalin;

/** Every route of the API in one place, each pointing at the one handler class that documents it. */
public record ApiV1(ApiKeyAuth auth, Events events, Collect collect, Pixel pixel, TrackerScript trackerScript, CorsPolicy cors,
                    Customers customers, Recommendations recommendations, SimilarItems similarItems, Health health,
                    Metrics metrics) {
    public void register(Javalin app) {
        app.before("/v1/*", auth);
        app.get("/health", health);
        app.get("/metrics", metrics);
        app.get("/ecrm.js", trackerScript);
        app.post("/v1/events", events);
        app.before("/v1/collect", cors::apply);
        app.options("/v1/collect", ctx -> ctx.status(204));
        app.post("/v1/collect", collect);
        app.get("/v1/pixel.gif", pixel);
        app.get("/v1/customers/{id}", customers);
        app.delete("/v1/customers/{id}", customers::forget);
        app.get("/v1/customers/{id}/recommendations", recommendations);
        app.get("/v1/items/{id}/similar", similarItems);
    }
}
