package io.ecrm.serving.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecrm.serving.kafka.KeyOwners;
import io.ecrm.streams.TenantStreams;
import io.javalin.http.Context;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Asks every other instance of a tenant the request being answered, for the routes whose answer
 * adds up what each instance holds (an item's audience, what recommendations earned). The request
 * goes as it came (path, query, API key), marked with {@link VisitorRouter#FORWARDED_HEADER} so the
 * instance asked answers from its own partitions only. An instance that does not answer makes the
 * whole answer a 503 with {@code Retry-After}: a sum with a part missing would look whole.
 */
public final class OtherInstances {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final KeyOwners owners;
    private final ObjectMapper json;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1))
            .version(HttpClient.Version.HTTP_1_1).build();

    public OtherInstances(KeyOwners owners, ObjectMapper json) {
        this.owners = owners;
        this.json = json;
    }

    /** Whether this request came from another instance, so is to be answered from this instance's partitions alone. */
    public static boolean isForwarded(Context ctx) {
        return ctx.header(VisitorRouter.FORWARDED_HEADER) != null;
    }

    /**
     * Every other instance's answer to this request, read as {@code type}; an instance answering 404
     * (it has not seen what was asked about) gives none. Empty when the request was itself forwarded.
     */
    public <T> List<T> ask(Context ctx, TenantStreams tenant, Class<T> type, String what) throws InterruptedException {
        String query = ctx.queryString();
        return ask(ctx, tenant, type, what, ctx.req().getRequestURI() + (query == null ? "" : "?" + query));
    }

    /** {@link #ask(Context, TenantStreams, Class, String)} with a GET of {@code target} (path and query) in place of the request's own. */
    public <T> List<T> ask(Context ctx, TenantStreams tenant, Class<T> type, String what, String target)
            throws InterruptedException {
        if (isForwarded(ctx)) {
            return List.of();
        }
        List<T> answers = new ArrayList<>();
        for (KeyOwners.HostStoreInfo other : owners.otherInstances(tenant)) {
            askOne(ctx, other, type, what, target).ifPresent(answers::add);
        }
        return answers;
    }

    private <T> Optional<T> askOne(Context ctx, KeyOwners.HostStoreInfo other, Class<T> type, String what, String target)
            throws InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(other.baseUrl() + target))
                .timeout(TIMEOUT).header(VisitorRouter.FORWARDED_HEADER, what);
        String authorization = ctx.header("Authorization");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            HttpResponse<byte[]> answer = client.send(request.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            if (answer.statusCode() == 404) {
                return Optional.empty();
            }
            if (answer.statusCode() != 200) {
                throw new IOException("status " + answer.statusCode());
            }
            return Optional.of(json.readValue(answer.body(), type));
        } catch (IOException e) {
            ctx.header("Retry-After", "1");
            throw new ApiProblem(ApiProblem.Type.UNAVAILABLE,
                    "an instance holding part of the tenant's visitors did not answer; send the request again");
        }
    }
}
