package io.ecrm.serving.http.routes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.ecrm.serving.http.ApiProblem;
import io.ecrm.serving.http.RequestParams;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;

/**
 * {@code POST /v1/collect}: the browser collector. Takes what {@code navigator.sendBeacon} sends
 * ({@code text/plain} holding JSON) as well as {@code application/json}; the body is one event or
 * an array of events. Answers like {@code POST /v1/events} (202, or a 400 problem naming each bad
 * field). CORS answers are added by {@link CorsPolicy} for the configured origins.
 */
public final class Collect implements Handler {
    private final Events events;
    private final ObjectMapper json;

    public Collect(Events events, ObjectMapper json) {
        this.events = events;
        this.json = json;
    }

    @Override
    public void handle(Context ctx) throws InterruptedException {
        String contentType = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase();
        if (!contentType.isEmpty() && !contentType.startsWith("text/plain") && !contentType.startsWith("application/json")) {
            throw new ApiProblem(ApiProblem.Type.UNSUPPORTED_MEDIA_TYPE, "send the body as text/plain or application/json");
        }
        JsonNode body;
        try {
            body = json.readTree(Events.utf8(RequestParams.body(ctx)));
        } catch (JsonProcessingException e) {
            throw Events.malformed(e);
        } catch (IOException e) {
            throw new ApiProblem(ApiProblem.Type.VALIDATION, "the body could not be read");
        }
        if (body == null || body.isMissingNode()) {
            throw new ApiProblem(ApiProblem.Type.VALIDATION, "the body is empty; expected an event or an array of events");
        }
        if (body.isObject()) {
            ArrayNode one = json.createArrayNode();
            one.add(body);
            body = one;
        }
        events.accept(ctx, body);
    }
}
