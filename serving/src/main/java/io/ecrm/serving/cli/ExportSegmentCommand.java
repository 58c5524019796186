package io.ecrm.serving.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecrm.streams.segments.export.ExportFormat;
import io.ecrm.streams.segments.export.ExportNames;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ecrm export-segment}: exports one segment of a running engine to a local file. The
 * engine owns the state, so this asks it over HTTP: starts an export job, shows its progress as
 * a bar, and downloads the finished file to a temporary name next to {@code --out}, renamed when
 * complete. A failed job's reason is printed and the exit code is 1.
 */
@Command(name = "export-segment", mixinStandardHelpOptions = true,
        description = "Export a segment's members (scores, profile fields, recommended items) to CSV, JSONL or Parquet.")
final class ExportSegmentCommand implements Callable<Integer> {
    @Option(names = "--tenant", required = true, description = "Tenant of the segment; must be the API key's tenant.")
    String tenant;

    @Option(names = "--segment", required = true, description = "Segment name, as listed by GET /v1/segments.")
    String segment;

    @Option(names = "--format", required = true, description = "csv, jsonl or parquet.")
    String format;

    @Option(names = "--out", required = true, description = "File to write.")
    Path out;

    @Option(names = "--url", defaultValue = "http://127.0.0.1:7070", description = "The running engine (default: ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--api-key", defaultValue = "${env:ECRM_API_KEY}",
            description = "The tenant's API key (default: the environment variable ECRM_API_KEY).")
    String apiKey;

    @Spec
    CommandSpec spec;

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Override
    public Integer call() throws Exception {
        ExportFormat exportFormat = ExportFormat.named(format).orElseThrow(() ->
                new IllegalArgumentException("--format must be one of " + ExportFormat.names() + ", not " + format));
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalArgumentException("an API key is needed: --api-key or the environment variable ECRM_API_KEY");
        }
        String base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        JsonNode segments = send(HttpRequest.newBuilder(URI.create(base + "/v1/segments")).GET(), 200);
        if (!tenant.equals(segments.path("tenant").asText())) {
            throw new IllegalArgumentException("the API key belongs to tenant '" + segments.path("tenant").asText()
                    + "', not '" + tenant + "'");
        }
        List<String> names = new ArrayList<>();
        segments.path("segments").forEach(s -> names.add(s.path("name").asText()));
        if (!names.contains(segment)) {
            throw new IllegalArgumentException("tenant " + tenant + " has no segment '" + segment + "'; it has: "
                    + String.join(", ", names));
        }
        String body = JSON.createObjectNode().put("format", exportFormat.wireName())
                .put("name", ExportNames.sanitise(out.getFileName().toString(), exportFormat)).toString();
        JsonNode job = send(HttpRequest.newBuilder(URI.create(base + "/v1/segments/" + pathPart(segment) + "/exports"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)), 202);
        String jobUrl = base + "/v1/exports/" + job.get("id").asText();
        Progress progress = new Progress(System.err, "export " + segment);
        while (job.path("status").asText().equals("queued") || job.path("status").asText().equals("running")) {
            progress.bar(job.path("progress").asDouble(), String.format("%,d rows", job.path("rows").asLong()));
            Thread.sleep(250);
            job = send(HttpRequest.newBuilder(URI.create(jobUrl)).GET(), 200);
        }
        PrintWriter stdout = spec.commandLine().getOut();
        if (!job.path("status").asText().equals("done")) {
            progress.finish(0, "");
            spec.commandLine().getErr().println("ecrm: export failed: " + job.path("error").asText("no reason given"));
            return 1;
        }
        progress.bar(1.0, String.format("%,d rows", job.path("rows").asLong()));
        System.err.println();
        Path target = out.toAbsolutePath();
        Path partial = target.resolveSibling("." + target.getFileName() + ".partial");
        try {
            HttpResponse<Path> download = client.send(authorized(HttpRequest.newBuilder(URI.create(jobUrl + "/file")).GET()),
                    HttpResponse.BodyHandlers.ofFile(partial));
            if (download.statusCode() != 200) {
                throw new IllegalArgumentException("download failed: HTTP " + download.statusCode() + " "
                        + Files.readString(partial));
            }
            try {
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(partial);
        }
        stdout.printf("exported segment %s of tenant %s: %,d rows to %s (%,d bytes) in %.1f s%n", segment, tenant,
                job.path("rows").asLong(), out, Files.size(target), progress.seconds());
        stdout.flush();
        return 0;
    }

    private HttpRequest authorized(HttpRequest.Builder request) {
        return request.header("Authorization", "Bearer " + apiKey).timeout(Duration.ofMinutes(10)).build();
    }

    /** Sends a request; an answer other than {@code expected} becomes a usage error with the problem's detail. */
    private JsonNode send(HttpRequest.Builder request, int expected) throws IOException, InterruptedException {
        HttpResponse<String> response;
        try {
            response = client.send(authorized(request), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new IllegalArgumentException("no engine answers at " + url + "; start it, or pass --url");
        }
        JsonNode body = response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
        if (response.statusCode() != expected) {
            throw new IllegalArgumentException("HTTP " + response.statusCode() + " from " + request.build().uri().getPath()
                    + ": " + body.path("detail").asText(response.body()));
        }
        return body;
    }

    private static String pathPart(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
