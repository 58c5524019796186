package io.ecrm.serving.http.routes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecrm.ingest.EventPublisher;
import io.ecrm.schemas.EventDecoder;
import io.ecrm.schemas.FieldError;
import io.ecrm.schemas.TenantId;
import io.ecrm.serving.EngineMetrics;
import io.ecrm.serving.TenantEngine;
import io.ecrm.serving.Tenants;
import io.ecrm.serving.http.ApiProblem;
import io.ecrm.serving.http.RequestParams;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code POST /v1/events}: takes a JSON array of clickstream events (schema
 * {@code clickstream-event.v1.json}) for the request's tenant.
 * <ul>
 *   <li>202 {@code {"accepted": n}}: all n events are on Kafka (acks=all);</li>
 *   <li>400 problem with one entry per bad field: nothing of the batch was written;</li>
 *   <li>413 when the batch holds more than the configured number of events;</li>
 *   <li>503 when Kafka did not take the batch: send it again, whole (event ids make a resend safe).</li>
 * </ul>
 */
public final class Events implements Handler {
    /** The answer to an accepted batch. */
    public record Accepted(int accepted) {
    }

    private final Tenants tenants;
    private final EventPublisher publisher;
    private final ObjectMapper json;
    private final int maxBatchEvents;
    private final EventDecoder decoder;
    private final EngineMetrics metrics;

    /** @param maxIdLength longest id an event may carry (at most the schema's) */
    public Events(Tenants tenants, EventPublisher publisher, ObjectMapper json, int maxBatchEvents, int maxIdLength,
                  EngineMetrics metrics) {
        this.tenants = tenants;
        this.publisher = publisher;
        this.json = json;
        this.maxBatchEvents = maxBatchEvents;
        this.decoder = new EventDecoder(maxIdLength);
        this.metrics = metrics;
    }

    @Override
    public void handle(Context ctx) throws InterruptedException {
        accept(ctx, readJson(ctx, json));
    }

    /** Validates and publishes a batch, answering 202 with the count accepted. */
    void accept(Context ctx, JsonNode body) throws InterruptedException {
        ctx.status(202).json(new Accepted(publish(ctx, body)));
    }

    /** Validates a batch for the request's tenant and publishes it whole; returns the count, or throws a problem. */
    int publish(Context ctx, JsonNode body) throws InterruptedException {
        TenantEngine tenant = RequestParams.tenant(ctx, tenants);
        TenantId id = tenant.topics().tenant();
        int size = body.isArray() ? body.size() : 1;
        if (size > maxBatchEvents) {
            metrics.eventsRefused(id, "batch_too_large", size);
            throw new ApiProblem(ApiProblem.Type.PAYLOAD_TOO_LARGE,
                    "a batch holds at most " + maxBatchEvents + " events; this one holds " + size,
                    List.of(new FieldError("", "must hold at most " + maxBatchEvents + " events")));
        }
        EventDecoder.Batch batch = decoder.decodeBatch(body);
        if (!batch.valid()) {
            metrics.eventsRefused(id, "invalid", size);
            throw new ApiProblem(ApiProblem.Type.VALIDATION,
                    batch.errors().size() + " invalid field(s); nothing of the batch was written", batch.errors());
        }
        try {
            int published = publisher.publish(tenant.topics(), batch.events()).get(30, TimeUnit.SECONDS);
            metrics.eventsReceived(id, published);
            return published;
        } catch (ExecutionException | TimeoutException e) {
            metrics.eventsRefused(id, "log_unavailable", size);
            throw new ApiProblem(ApiProblem.Type.UNAVAILABLE,
                    "the event log did not take the batch; send it again (event ids make a resend safe)");
        }
    }

    /** A malformed-JSON problem, saying where when the parser knows (a nesting-limit breach does not). */
    static ApiProblem malformed(JsonProcessingException e) {
        var where = e.getLocation();
        return new ApiProblem(ApiProblem.Type.MALFORMED_JSON, where == null
                ? "the body is not valid JSON, or nests deeper than the parser accepts"
                : "the body is not valid JSON (line " + where.getLineNr() + ", column " + where.getColumnNr() + ")");
    }

    /** Parses a JSON body, refusing other media types and malformed JSON with a problem. */
    static JsonNode readJson(Context ctx, ObjectMapper json) {
        String contentType = ctx.contentType();
        if (contentType != null && !contentType.toLowerCase().startsWith("application/json")) {
            throw new ApiProblem(ApiProblem.Type.UNSUPPORTED_MEDIA_TYPE, "send the body as application/json");
        }
        byte[] bytes = RequestParams.body(ctx);
        try {
            JsonNode body = json.readTree(bytes);
            if (body == null || body.isMissingNode()) {
                throw new ApiProblem(ApiProblem.Type.VALIDATION, "the body is empty; expected a JSON array of events");
            }
            return body;
        } catch (JsonProcessingException e) {
            throw Events.malformed(e);
        } catch (IOException e) {
            throw new ApiProblem(ApiProblem.Type.VALIDATION, "the body could not be read");
        }
    }
}
