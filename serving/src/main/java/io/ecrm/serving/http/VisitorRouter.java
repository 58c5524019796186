package io.ecrm.serving.http;

import io.ecrm.schemas.VisitorKey;
import io.ecrm.serving.EngineMetrics;
import io.ecrm.serving.TenantEngine;
import io.ecrm.serving.kafka.KeyOwners;
import io.ecrm.serving.kafka.KeyOwners.HostStoreInfo;
import io.ecrm.streams.StateNotReadyException;
import io.javalin.http.Context;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Answers a request about one visitor on the instance that holds the visitor. A visitor id is
 * looked up as a customer id first, then as an anonymous id, and the two keys may live on different
 * instances: each is routed to its owner ({@link KeyOwners}). When the owner is another instance,
 * the request goes there over HTTP with the caller's own {@code Authorization} (every instance reads
 * the same tenants file) and the {@value #FORWARDED_HEADER} header, and its answer is relayed as is.
 * <p>
 * A request carrying {@value #FORWARDED_HEADER} is answered where it arrives and never forwarded
 * again; the answer says in {@value #VISITOR_HEADER} whether this instance holds the visitor, so
 * the forwarding instance goes on to the anonymous key when the customer key is unknown. Sending the
 * header from outside gains nothing: the caller's key still decides the tenant, and an instance
 * that does not own the key answers 503.
 */
public final class VisitorRouter {
    /** Marks a forwarded request; its value names the key it was forwarded for: {@code customer} or {@code anonymous}. */
    public static final String FORWARDED_HEADER = "X-Ecrm-Forwarded";
    /** On the answer to a forwarded request: {@code found} when the answering instance holds the visitor, else {@code unknown}. */
    public static final String VISITOR_HEADER = "X-Ecrm-Visitor";
    private static final Duration CONNECT_TIMEOUT = Duration.ofMillis(1_000);
    private static final Duration REQUEST_TIMEOUT = Duration.ofMillis(5_000);
    private static final List<String> RELAYED_HEADERS = List.of("Content-Type", "Retry-After", "WWW-Authenticate", "Cache-Control");

    /** Whether this instance's own stores hold the visitor under a visitor key ({@code c:id} or {@code a:id}). */
    @FunctionalInterface
    public interface Holds {
        boolean holds(TenantEngine tenant, String visitorKey);
    }

    private final KeyOwners owners;
    private final EngineMetrics metrics;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
            .version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER).build();

    public VisitorRouter(KeyOwners owners, EngineMetrics metrics) {
        this.owners = owners;
        this.metrics = metrics;
    }

    /**
     * Relays the answer of the instance holding the visitor and returns true; returns false when the
     * request is to be answered here: this instance holds the visitor, no instance does, or the
     * request was forwarded here.
     */
    public boolean relayedFromOwner(Context ctx, TenantEngine tenant, String visitorId, Holds holds) throws InterruptedException {
        String customerKey = VisitorKey.customer(visitorId);
        String anonymousKey = VisitorKey.anonymous(visitorId);
        String forwardedFor = ctx.header(FORWARDED_HEADER);
        if (forwardedFor != null) {
            String key = "anonymous".equals(forwardedFor) ? anonymousKey : customerKey;
            if (!owners.ownerOf(tenant.streams(), key).local()) {
                // the key moved in a rebalance since the forwarding instance looked; it asks again
                throw new StateNotReadyException(tenant.topics().tenant().value(), tenant.streams().state(), null);
            }
            boolean found = holds.holds(tenant, customerKey) || holds.holds(tenant, anonymousKey);
            ctx.header(VISITOR_HEADER, found ? "found" : "unknown");
            return false;
        }
        Set<HostStoreInfo> asked = new HashSet<>();
        for (String key : List.of(customerKey, anonymousKey)) {
            HostStoreInfo owner = owners.ownerOf(tenant.streams(), key);
            if (owner.local()) {
                if (holds.holds(tenant, key)) {
                    return false;
                }
            } else if (asked.add(owner) && relayed(ctx, owner, key.equals(customerKey) ? "customer" : "anonymous")) {
                return true;
            }
        }
        return false;
    }

    /** Forwards the request; relays the answer unless the owner said it does not hold the visitor. */
    private boolean relayed(Context ctx, HostStoreInfo owner, String forwardedFor) throws InterruptedException {
        String query = ctx.queryString();
        URI target = URI.create(owner.baseUrl() + ctx.req().getRequestURI() + (query == null ? "" : "?" + query));
        HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(REQUEST_TIMEOUT)
                .header(FORWARDED_HEADER, forwardedFor).method(ctx.method().name(), HttpRequest.BodyPublishers.noBody());
        String authorization = ctx.header("Authorization");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<byte[]> answer;
        try {
            answer = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            metrics.forwarded("unreachable");
            throw new ApiProblem(ApiProblem.Type.UNAVAILABLE,
                    "the instance holding this visitor did not answer; send the request again");
        }
        if ("unknown".equals(answer.headers().firstValue(VISITOR_HEADER).orElse(null))) {
            metrics.forwarded("not_held");
            return false;
        }
        metrics.forwarded("relayed");
        ctx.status(answer.statusCode());
        for (String name : RELAYED_HEADERS) {
            answer.headers().firstValue(name).ifPresent(value -> ctx.header(name, value));
        }
        ctx.result(answer.body());
        return true;
    }
}
