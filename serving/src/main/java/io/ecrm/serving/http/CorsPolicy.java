package io.ecrm.serving.http;

import io.javalin.http.Context;
import java.util.List;

/**
 * Lets the shop's own pages send events to the collector from the browser: answers CORS for the
 * configured origins ({@code *} allows any). Other origins get no CORS headers, so browsers
 * refuse to send their requests.
 */
public final class CorsPolicy {
    private final List<String> allowedOrigins;

    public CorsPolicy(List<String> allowedOrigins) {
        this.allowedOrigins = List.copyOf(allowedOrigins);
    }

    public boolean allows(String origin) {
        return origin != null && (allowedOrigins.contains("*") || allowedOrigins.contains(origin));
    }

    /** Adds the CORS headers when the request's origin is allowed. */
    public void apply(Context ctx) {
        String origin = ctx.header("Origin");
        if (allows(origin)) {
            ctx.header("Access-Control-Allow-Origin", origin);
            ctx.header("Vary", "Origin");
            ctx.header("Access-Control-Allow-Methods", "POST, GET, OPTIONS");
            ctx.header("Access-Control-Allow-Headers", "Content-Type");
            ctx.header("Access-Control-Max-Age", "86400");
        }
    }
}
