package io.ecrm.serving.http.routes;

import io.javalin.http.Context;
import io.javalin.http.Handler;

/**
 * {@code GET /ecrm.js}: the browser tracker. It keeps a first-party anonymous id cookie
 * ({@code ecrm_aid}, one year), sends a page view on load, and exposes
 * {@code ecrm('product_view', {itemId: 'sku-1'})} for product, cart and purchase events, all
 * through {@code navigator.sendBeacon} to {@code /v1/collect}.
 */
public final class TrackerScript implements Handler {
    private final byte[] script;

    public TrackerScript() {
        script = WebFiles.read("ecrm.js");
    }

    @Override
    public void handle(Context ctx) {
        ctx.contentType("text/javascript; charset=utf-8").header("Cache-Control", "public, max-age=3600").result(script);
    }
}
