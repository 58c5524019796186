package io.ecrm.serving.http.routes;

import io.javalin.http.Context;
import io.javalin.http.Handler;

/** {@code GET /openapi.json}: the OpenAPI 3.1 description of every route (kept complete by a test). */
public final class OpenApi implements Handler {
    private final byte[] document;

    public OpenApi() {
        document = WebFiles.read("openapi.json");
    }

    @Override
    public void handle(Context ctx) {
        ctx.contentType("application/json").result(document);
    }
}
