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
import io.ecrm.serving.http.QuotaGuard;
import io.ecrm.serving.http.RequestParams;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * {@code POST /v1/events}: takes a JSON array of clickstream events (schema
 * {@code clickstream-event.v1.json}) for the request's tenant.
 * <ul>
 *   <li>202 {@code {"accepted": n}}: all n events are on Kafka (acks=all);</li>
 *   <li>400 problem with one entry per bad field: nothing of the batch was written;</li>
 *   <li>413 when the batch holds more than the configured number of events;</li>
 *   <li>503 {@code unavailable} with {@code Retry-After} when the broker is known to be away: nothing
 *       of the batch was written, and the request did not wait;</li>
 *   <li>503 {@code not-confirmed} with {@code Retry-After} when Kafka did not acknowledge the whole
 *       batch within {@link #PUBLISH_TIMEOUT}: part of it may be written. Send it again, whole: event
 *       ids make a resend safe (the engine counts each id once).</li>
 * </ul>
 * No request waits longer than about {@link #PUBLISH_TIMEOUT} for Kafka.
 */
public final class Events implements Handler {
    /** The answer to an accepted batch. */
    public record Accepted(int accepted) {
    }

    /** The longest a request waits for Kafka to acknowledge its batch (the publisher's delivery timeout). */
    public static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(10);
    /** The publisher fails every send within its delivery timeout; the margin covers the blocking part before it. */
    static final long PUBLISH_WAIT_MILLIS = PUBLISH_TIMEOUT.toMillis() * 4 / 3 + 1_000;
    /** What a refused client is told to wait before sending again, in seconds. */
    static final String RETRY_AFTER_SECONDS = "2";

    private final Tenants tenants;
    private final EventPublisher publisher;
    private final BooleanSupplier brokerReachable;
    private final ObjectMapper json;
    private final int maxBatchEvents;
    private final EventDecoder decoder;
    private final EngineMetrics metrics;
    private final QuotaGuard quotas;

    /** @param maxIdLength longest id an event may carry (at most the schema's) */
    public Events(Tenants tenants, EventPublisher publisher, BooleanSupplier brokerReachable, ObjectMapper json,
                  int maxBatchEvents, int maxIdLength, EngineMetrics metrics, QuotaGuard quotas) {
        this.quotas = quotas;
        this.tenants = tenants;
        this.publisher = publisher;
        this.brokerReachable = brokerReachable;
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
        quotas.events(ctx, id, size);
        EventDecoder.Batch batch = decoder.decodeBatch(body);
        if (!batch.valid()) {
            metrics.eventsRefused(id, "invalid", size);
            throw new ApiProblem(ApiProblem.Type.VALIDATION,
                    batch.errors().size() + " invalid field(s); nothing of the batch was written", batch.errors());
        }
        if (!brokerReachable.getAsBoolean()) {
            metrics.eventsRefused(id, "log_unavailable", size);
            ctx.header("Retry-After", RETRY_AFTER_SECONDS);
            throw new ApiProblem(ApiProblem.Type.UNAVAILABLE,
                    "the event log is unreachable; nothing of the batch was written: send it again later");
        }
        try {
            // the publisher fails every send within its delivery timeout; the margin covers the blocking part
            int published = publisher.publish(tenant.topics(), batch.events()).get(PUBLISH_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            metrics.eventsReceived(id, published);
            return published;
        } catch (ExecutionException | TimeoutException e) {
            metrics.eventsRefused(id, "log_unavailable", size);
            ctx.header("Retry-After", RETRY_AFTER_SECONDS);
            throw new ApiProblem(ApiProblem.Type.NOT_CONFIRMED, "the event log did not confirm the whole batch; part of it "
                    + "may be written: send it again, whole (event ids make a resend safe)");
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
        try {
            JsonNode body = json.readTree(utf8(RequestParams.body(ctx)));
            if (body == null || body.isMissingNode()) {
                throw new ApiProblem(ApiProblem.Type.VALIDATION, "the body is empty; expected a JSON array of events");
            }
            return body;
        } catch (JsonProcessingException e) {
            throw Events.malformed(e);
        }
    }

    /**
     * The body as text, refusing bytes that are not well-formed UTF-8 (invalid sequences, overlong
     * forms, encoded surrogates) instead of reading them as replacement characters or, for overlong
     * forms, as the characters they disguise.
     */
    static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ApiProblem(ApiProblem.Type.MALFORMED_JSON, "the body is not well-formed UTF-8");
        }
    }
}
