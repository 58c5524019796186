package io.ecrm.serving;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;

/** A small HTTP client for tests against a running engine. */
final class HttpClientSupport {
    record Response(int status, String contentType, JsonNode body, java.net.http.HttpHeaders allHeaders) {
        String headers(String name) {
            return allHeaders.firstValue(name).orElse(null);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String key;

    HttpClientSupport(String base) {
        this(base, null);
    }

    /** A client that sends {@code Authorization: Bearer key} with every request. */
    HttpClientSupport(String base, String key) {
        this.base = base;
        this.key = key;
    }

    private HttpRequest.Builder authorized(HttpRequest.Builder request) {
        return key == null ? request : request.header("Authorization", "Bearer " + key);
    }

    /** A response whose body is not JSON. */
    record Raw(int status, java.net.http.HttpHeaders headers, byte[] body) {
    }

    Raw raw(HttpRequest.Builder request) throws Exception {
        HttpResponse<byte[]> response = client.send(request.timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        return new Raw(response.statusCode(), response.headers(), response.body());
    }

    HttpRequest.Builder request(String path) {
        return authorized(HttpRequest.newBuilder(URI.create(base + path)));
    }

    Response get(String path) throws Exception {
        return send(request(path).GET());
    }

    Response post(String path, String contentType, String body) throws Exception {
        return send(request(path).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Response put(String path, String body) throws Exception {
        return send(request(path).header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    private Response send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response = client.send(request.timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        String text = response.body();
        JsonNode body = text.isEmpty() ? null : JSON.readTree(text);
        return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), body,
                response.headers());
    }

    /** Polls a GET until its answer satisfies the condition, or fails after the timeout. */
    Response await(String path, Predicate<Response> condition, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Response last = null;
        while (System.nanoTime() < deadline) {
            try {
                last = get(path);
                if (condition.test(last)) {
                    return last;
                }
            } catch (java.net.ConnectException e) {
                // the server is not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("GET " + path + " did not reach the expected answer within " + timeout + "; last: "
                + (last == null ? "none" : last.status() + " " + last.body()));
    }
}
