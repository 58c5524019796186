package io.ecrm.serving.http.routes;

import io.ecrm.serving.http.ApiProblem;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Map;

/**
 * {@code GET /console} and {@code GET /console/{file}}: the web console, three static files read
 * once from {@code web/console/}; any other file is a 404 problem. The page asks for an API key
 * and calls the API with it; it needs no key to be fetched. Every answer carries a content
 * security policy that allows the console's own script and style only (no inline script, no
 * other origin, no framing), {@code nosniff} and no referrer.
 */
public final class Console implements Handler {
    static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private record File(String contentType, byte[] content) {
    }

    private final Map<String, File> files = Map.of(
            "index.html", read("index.html", "text/html; charset=utf-8"),
            "console.js", read("console.js", "text/javascript; charset=utf-8"),
            "console.css", read("console.css", "text/css; charset=utf-8"));

    private static File read(String name, String contentType) {
        return new File(contentType, WebFiles.read("console/" + name));
    }

    /** Handles {@code GET /console}: the page. */
    @Override
    public void handle(Context ctx) {
        send(ctx, files.get("index.html"));
    }

    /** Handles {@code GET /console/{file}}. */
    public void file(Context ctx) {
        File file = files.get(ctx.pathParam("file"));
        if (file == null) {
            throw new ApiProblem(ApiProblem.Type.NOT_FOUND, "the console has no file of that name");
        }
        send(ctx, file);
    }

    private static void send(Context ctx, File file) {
        ctx.header("Content-Security-Policy", POLICY)
                .header("X-Frame-Options", "DENY")
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .header("Cache-Control", "no-cache")
                .contentType(file.contentType()).result(file.content());
    }
}
