package io.ecrm.serving.http.routes;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecrm.serving.TenantEngine;
import io.ecrm.serving.Tenants;
import io.ecrm.serving.http.ApiProblem;
import io.ecrm.serving.http.RequestParams;
import io.ecrm.serving.http.VisitorRouter;
import io.ecrm.serving.kafka.KeyOwners;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code GET /v1/items/{id}/audience?count=20&includeAnonymous=false}: the customers most likely to
 * want an item, for a targeted campaign, best first: visitors whose recent items are the item or its
 * neighbours, scored by similarity, their strongest action on each, and recency; {@code because} is
 * the recent item that counts most. Visitors who bought the item are left out. Only customers
 * (who can be reached) unless {@code includeAnonymous=true}. Each instance scans the visitors it
 * holds; the instance asked gathers the others' answers, and answers 503 when one of them does not.
 * 404 when the tenant has never seen the item.
 */
public final class Audience implements Handler {
    /** The answer. */
    public record Answer(String itemId, List<TenantEngine.AudienceMember> members) {
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Tenants tenants;
    private final KeyOwners owners;
    private final ObjectMapper json;
    private final int maxCount;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1))
            .version(HttpClient.Version.HTTP_1_1).build();

    public Audience(Tenants tenants, KeyOwners owners, ObjectMapper json, int maxCount) {
        this.tenants = tenants;
        this.owners = owners;
        this.json = json;
        this.maxCount = maxCount;
    }

    @Override
    public void handle(Context ctx) throws InterruptedException {
        TenantEngine tenant = RequestParams.tenant(ctx, tenants);
        String itemId = RequestParams.id(ctx, "id");
        int count = RequestParams.count(ctx, 20, maxCount);
        boolean includeAnonymous = RequestParams.flag(ctx, "includeAnonymous");
        if (tenant.similar(itemId, 1).isEmpty()) {
            throw new ApiProblem(ApiProblem.Type.NOT_FOUND, "no events of item " + itemId);
        }
        List<TenantEngine.AudienceMember> members = new ArrayList<>(tenant.audience(itemId, count, includeAnonymous));
        if (ctx.header(VisitorRouter.FORWARDED_HEADER) == null) {
            for (KeyOwners.HostStoreInfo other : owners.otherInstances(tenant.streams())) {
                members.addAll(askOther(ctx, other));
            }
        }
        members.sort(Comparator.comparingDouble(TenantEngine.AudienceMember::score).reversed()
                .thenComparing(TenantEngine.AudienceMember::id));
        ctx.json(new Answer(itemId, members.subList(0, Math.min(count, members.size()))));
    }

    /** The audience among the visitors another instance holds. */
    private List<TenantEngine.AudienceMember> askOther(Context ctx, KeyOwners.HostStoreInfo other) throws InterruptedException {
        String query = ctx.queryString();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(other.baseUrl() + ctx.req().getRequestURI()
                        + (query == null ? "" : "?" + query))).timeout(TIMEOUT).header(VisitorRouter.FORWARDED_HEADER, "audience");
        String authorization = ctx.header("Authorization");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            HttpResponse<byte[]> answer = client.send(request.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            if (answer.statusCode() == 404) {
                return List.of(); // that instance has not seen the item yet
            }
            if (answer.statusCode() != 200) {
                throw new IOException("status " + answer.statusCode());
            }
            return json.readValue(answer.body(), Answer.class).members();
        } catch (IOException e) {
            ctx.header("Retry-After", "1");
            throw new ApiProblem(ApiProblem.Type.UNAVAILABLE,
                    "an instance holding part of the visitors did not answer; send the request again");
        }
    }
}
