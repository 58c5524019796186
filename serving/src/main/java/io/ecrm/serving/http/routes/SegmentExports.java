package io.ecrm.serving.http.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecrm.serving.Tenants;
import io.ecrm.serving.http.ApiProblem;
import io.ecrm.serving.http.RequestParams;
import io.ecrm.serving.segments.ExportJob;
import io.ecrm.serving.segments.ExportJobs;
import io.ecrm.serving.segments.SegmentRegistry;
import io.ecrm.serving.segments.TenantSegments;
import io.ecrm.streams.segments.export.ExportFormat;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * {@code POST /v1/segments/{name}/exports}: starts an export of the segment's members, body
 * {@code {"format": "csv"|"jsonl"|"parquet", "name": "file name"}} (name optional: the segment
 * and the time by default; a plain file name, it always lands in the tenant's export directory: a
 * name with a path in it is a 400). 202
 * with the job ({@code GET /v1/exports/{id}} follows it) and its URL in {@code Location}; 400
 * naming a bad field; 404 for an unknown segment.
 */
public final class SegmentExports implements Handler {
    private static final java.util.regex.Pattern PLAIN_NAME = java.util.regex.Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final Tenants tenants;
    private final SegmentRegistry segments;
    private final ExportJobs jobs;
    private final ObjectMapper json;

    public SegmentExports(Tenants tenants, SegmentRegistry segments, ExportJobs jobs, ObjectMapper json) {
        this.tenants = tenants;
        this.segments = segments;
        this.jobs = jobs;
        this.json = json;
    }

    @Override
    public void handle(Context ctx) {
        TenantSegments tenant = segments.of(RequestParams.tenant(ctx, tenants));
        String segment = RequestParams.id(ctx, "name");
        JsonNode body;
        try {
            byte[] bytes = ctx.bodyAsBytes();
            body = bytes.length == 0 ? json.createObjectNode() : json.readTree(bytes);
        } catch (IOException e) {
            throw new ApiProblem(ApiProblem.Type.MALFORMED_JSON, "the body is not JSON: " + e.getMessage());
        }
        ApiProblem.check(body.isObject(), "/", "must be an object with format and, optionally, name");
        JsonNode format = body.get("format");
        ApiProblem.check(format != null && format.isTextual() && ExportFormat.named(format.asText()).isPresent(), "/format",
                "must be one of " + ExportFormat.names());
        JsonNode name = body.get("name");
        ApiProblem.check(name == null || name.isTextual() && name.asText().length() <= 200, "/name",
                "must be a string of at most 200 characters");
        // a name that tries to leave the export directory is refused, not quietly rewritten
        ApiProblem.check(name == null || PLAIN_NAME.matcher(name.asText()).matches(), "/name",
                "must be a plain file name: letters, digits, '.', '-' and '_', not starting with '.' (no path)");
        if (tenant.snapshot(false).segment(segment).isEmpty()) {
            throw new ApiProblem(ApiProblem.Type.NOT_FOUND, "no segment " + segment);
        }
        String fileName = name != null ? name.asText() : segment + "-" + STAMP.format(Instant.now());
        ExportJob job = jobs.submit(tenant, segment, ExportFormat.named(format.asText()).orElseThrow(), fileName);
        ctx.status(202).header("Location", "/v1/exports/" + job.getId()).json(job);
    }
}
