package io.ecrm.serving.http;

import io.ecrm.serving.http.routes.Events;
import io.ecrm.serving.http.routes.Health;
import io.ecrm.serving.http.routes.Recommendations;
import io.ecrm.serving.http.routes.SimilarItems;
import io.javalin.Javalin;

/** Every route of the API in one place, each pointing at the one handler class that documents it. */
public record ApiV1(Events events, Recommendations recommendations, SimilarItems similarItems, Health health) {
    public void register(Javalin app) {
        app.get("/health", health);
        app.post("/v1/events", events);
        app.get("/v1/customers/{id}/recommendations", recommendations);
        app.get("/v1/items/{id}/similar", similarItems);
    }
}
