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
 * the forwarding instance goes on to the anonymous key when the customer key is unknown, and in
 * {@value #LINKED_HEADER} the customer an unknown anonymous id is linked to, which is asked next. Sending the
 * header from outside gains nothing: the caller's key still decides the tenant, and an instance
 * that does not own the key answers 503.
 */
public final class VisitorRouter {
    /** Marks a forwarded request; its value names the key it was forwarded for: {@code customer} or {@code anonymous}. */
    public static final String FORWARDED_HEADER = "X-Ecrm-Forwarded";
    /** On the answer to a forwarded request: {@code found} when the answering instance holds the visitor, else {@code unknown}. */
    public static final String VISITOR_HEADER = "X-Ecrm-Visitor";
    /** On an {@code unknown} answer for an anonymous id: the customer key the id is linked to. */
    public static final String LINKED_HEADER = "X-Ecrm-Linked";
    /** The forwarded-header value that names the visitor key to read, for a linked anonymous id. */
    static final String KEY_PREFIX = "key=";
    private static final Duration CONNECT_TIMEOUT = Duration.ofMillis(1_000);
    private static final Duration REQUEST_TIMEOUT = Duration.ofMillis(5_000);
    private static final List<String> RELAYED_HEADERS = List.of("Content-Type", "Retry-After", "WWW-Authenticate", "Cache-Control",
            "X-Ecrm-Personalised"); // the last: Recommendations.PERSONALISED_HEADER

    /**
     * Whether this instance's own stores hold the visitor under a visitor key ({@code c:id} or
     * {@code a:id}). A resolution answered here with a key was decided by the last call, which
     * answered true for that key: what the call read is what the caller may answer from.
     */
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
     * Where a request about a visitor is answered: {@code relayed} when another instance answered it
     * (the answer is sent), else here, from {@code visitorKey} (null when no instance holds the visitor).
     */
    public record Resolution(boolean relayed, String visitorKey) {
        static final Resolution RELAYED = new Resolution(true, null);
        static final Resolution NOBODY = new Resolution(false, null);

        static Resolution here(String visitorKey) {
            return new Resolution(false, visitorKey);
        }
    }

    /**
     * Finds the visitor: as a customer, as an anonymous visitor, or as the customer an anonymous id
     * is linked to (the link is kept with the anonymous id, the state with the customer: the two may
     * be on different instances). Relays the answer of the instance that holds the visitor, or says
     * which key to read here.
     */
    public Resolution resolve(Context ctx, TenantEngine tenant, String visitorId, Holds holds) throws InterruptedException {
        String customerKey = VisitorKey.customer(visitorId);
        String anonymousKey = VisitorKey.anonymous(visitorId);
        String forwardedFor = ctx.header(FORWARDED_HEADER);
        if (forwardedFor != null) {
            return answeredHere(ctx, tenant, forwardedFor, customerKey, anonymousKey, holds);
        }
        Set<HostStoreInfo> asked = new HashSet<>();
        for (String key : List.of(customerKey, anonymousKey)) {
            HostStoreInfo owner = owners.ownerOf(tenant.streams(), key);
            if (owner.local()) {
                if (holds.holds(tenant, key)) {
                    return Resolution.here(key);
                }
                String linked = key.equals(anonymousKey) ? tenant.streams().linkedCustomer(anonymousKey) : null;
                if (linked != null) {
                    return follow(ctx, tenant, linked, holds);
                }
            } else if (asked.add(owner)) {
                Relay relay = relay(ctx, owner, key.equals(customerKey) ? "customer" : "anonymous");
                if (relay.relayed()) {
                    return Resolution.RELAYED;
                }
                if (relay.linkedKey() != null) {
                    return follow(ctx, tenant, relay.linkedKey(), holds);
                }
            }
        }
        return Resolution.NOBODY;
    }

    /** The customer an anonymous id is linked to: read here when this instance holds it, else relayed from its owner. */
    private Resolution follow(Context ctx, TenantEngine tenant, String linkedKey, Holds holds) throws InterruptedException {
        HostStoreInfo owner = owners.ownerOf(tenant.streams(), linkedKey);
        if (owner.local()) {
            return holds.holds(tenant, linkedKey) ? Resolution.here(linkedKey) : Resolution.NOBODY;
        }
        return relay(ctx, owner, KEY_PREFIX + linkedKey).relayed() ? Resolution.RELAYED : Resolution.NOBODY;
    }

    /** A forwarded request: answered from this instance's own state, and never forwarded again. */
    private Resolution answeredHere(Context ctx, TenantEngine tenant, String forwardedFor, String customerKey,
                                    String anonymousKey, Holds holds) {
        String key = forwardedFor.startsWith(KEY_PREFIX) ? forwardedFor.substring(KEY_PREFIX.length())
                : "anonymous".equals(forwardedFor) ? anonymousKey : customerKey;
        if (!owners.ownerOf(tenant.streams(), key).local()) {
            // the key moved in a rebalance since the forwarding instance looked; it asks again
            throw new StateNotReadyException(tenant.topics().tenant().value(), tenant.streams().state(), null);
        }
        String found = null;
        for (String candidate : forwardedFor.startsWith(KEY_PREFIX) ? List.of(key) : List.of(customerKey, anonymousKey)) {
            if (found == null && holds.holds(tenant, candidate)) {
                found = candidate;
            }
        }
        ctx.header(VISITOR_HEADER, found != null ? "found" : "unknown");
        // asked for either key, this instance may hold the anonymous id's link (kept with that id)
        if (found == null && !forwardedFor.startsWith(KEY_PREFIX) && owners.ownerOf(tenant.streams(), anonymousKey).local()) {
            String linked = tenant.streams().linkedCustomer(anonymousKey);
            if (linked != null) {
                ctx.header(LINKED_HEADER, linked);
            }
        }
        return found == null ? Resolution.NOBODY : Resolution.here(found);
    }

    /** What a forwarded request came back with: relayed to the caller, or not held there (and maybe linked). */
    private record Relay(boolean relayed, String linkedKey) {
    }

    /** Forwards the request; relays the answer unless the owner said it does not hold the visitor. */
    private Relay relay(Context ctx, HostStoreInfo owner, String forwardedFor) throws InterruptedException {
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
        if (answer.statusCode() == 503) {
            // the owner is there but cannot read the visitor now (restoring, or it lost the key in a
            // rebalance): the same as no answer to the caller, who may do without the visitor's state
            metrics.forwarded("unavailable");
            throw new ApiProblem(ApiProblem.Type.UNAVAILABLE,
                    "the instance holding this visitor cannot read it now; send the request again");
        }
        if ("unknown".equals(answer.headers().firstValue(VISITOR_HEADER).orElse(null))) {
            metrics.forwarded("not_held");
            return new Relay(false, answer.headers().firstValue(LINKED_HEADER).orElse(null));
        }
        metrics.forwarded("relayed");
        ctx.status(answer.statusCode());
        for (String name : RELAYED_HEADERS) {
            answer.headers().firstValue(name).ifPresent(value -> ctx.header(name, value));
        }
        ctx.result(answer.body());
        return new Relay(true, null);
    }
}
