package io.ecrm.serving.http.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecrm.serving.TenantEngine;
import io.ecrm.serving.Tenants;
import io.ecrm.serving.http.ApiProblem;
import io.ecrm.serving.http.RequestParams;
import io.ecrm.serving.segments.SegmentRegistry;
import io.ecrm.serving.segments.TenantSegments;
import io.ecrm.schemas.FieldError;
import io.ecrm.streams.segments.SegmentDefinition;
import io.ecrm.streams.segments.SegmentKind;
import io.ecrm.streams.segments.SegmentSnapshot;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /v1/segments?refresh=false}: the key's tenant and every segment of it: the RFM cells, the
 * behaviour clusters and the rule segments, each with its kind, a description, its size, the
 * average revenue of its members and when it was computed. Answered from the last computation
 * unless it is older than the settings allow or {@code refresh=true} asks for a new one (a scan
 * of every profile). {@code asOf} is the tenant's clock (its newest event), from which recency
 * and rule windows count back. Rule definitions in the tenant's file that do not validate are
 * listed under {@code invalidDefinitions}.
 * <p>
 * {@code PUT /v1/segments/{name}} ({@link #put}): adds or replaces a rule segment, body
 * {@code {"description": "...", "rule": {...}}} (the rule language: README, Segments). 201 when
 * new, 200 when replaced; 400 naming each bad field. The next {@code GET} computes with it.
 * <p>
 * {@code DELETE /v1/segments/{name}} ({@link #delete}): removes a rule segment; 204, or 404 when
 * there is no rule segment of that name.
 */
public final class Segments implements Handler {
    /** One segment in the list. */
    public record Entry(String name, SegmentKind kind, String description, long size, double averageRevenue,
                        String updatedAt) {
    }

    /** The answer. */
    public record Answer(String tenant, String asOf, String updatedAt, long profiles, List<Entry> segments,
                         List<FieldError> invalidDefinitions) {
    }

    /** The answer to a PUT. */
    public record Saved(String name, String description, JsonNode rule) {
    }

    private final Tenants tenants;
    private final SegmentRegistry segments;
    private final ObjectMapper json;

    public Segments(Tenants tenants, SegmentRegistry segments, ObjectMapper json) {
        this.tenants = tenants;
        this.segments = segments;
        this.json = json;
    }

    @Override
    public void handle(Context ctx) {
        boolean refresh = RequestParams.flag(ctx, "refresh");
        TenantEngine tenant = RequestParams.tenant(ctx, tenants);
        SegmentSnapshot snapshot = segments.of(tenant).snapshot(refresh);
        String updated = Instant.ofEpochMilli(snapshot.updatedAtMillis()).toString();
        List<Entry> entries = snapshot.stats().values().stream().map(s -> new Entry(s.name(), s.kind(), s.description(),
                s.size(), Math.round(s.averageRevenue() * 100.0) / 100.0, updated)).toList();
        ctx.json(new Answer(tenant.topics().tenant().value(), Instant.ofEpochMilli(snapshot.asOfMillis()).toString(), updated, snapshot.profiles(), entries,
                snapshot.definitionErrors().isEmpty() ? null : snapshot.definitionErrors()));
    }

    /** Handles the PUT. */
    public void put(Context ctx) throws IOException {
        TenantSegments tenant = segments.of(RequestParams.tenant(ctx, tenants));
        String name = RequestParams.id(ctx, "name");
        JsonNode body;
        try {
            body = json.readTree(ctx.bodyAsBytes());
        } catch (IOException e) {
            throw new ApiProblem(ApiProblem.Type.MALFORMED_JSON, "the body is not JSON: " + e.getMessage());
        }
        SegmentDefinition.Parsed parsed = SegmentDefinition.parse(name, body, "path/name", "");
        if (parsed.definition() == null) {
            throw new ApiProblem(ApiProblem.Type.VALIDATION, "the segment definition is not valid", parsed.errors());
        }
        boolean replaced = tenant.put(parsed.definition());
        ctx.status(replaced ? 200 : 201).json(new Saved(name, parsed.definition().description(), parsed.definition().ruleJson()));
    }

    /** Handles the DELETE. */
    public void delete(Context ctx) throws IOException {
        TenantSegments tenant = segments.of(RequestParams.tenant(ctx, tenants));
        String name = RequestParams.id(ctx, "name");
        if (!tenant.remove(name)) {
            throw new ApiProblem(ApiProblem.Type.NOT_FOUND, "no rule segment " + name);
        }
        ctx.status(204);
    }
}
