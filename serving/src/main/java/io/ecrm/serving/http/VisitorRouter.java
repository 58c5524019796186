package io.ecrm.serving.http;

import io.ecrm.schemas.VisitorKey;
import io.ecrm.serving.EngineMetrics;
import io.ecrm.serving.TenantEngine;
import io.ecrm.serving.kafka.KeyOwners;
import io.ecrm.serving.kafka.KeyOwners.HostStoreInfo;
import io.ecrm.streams.StateNotReadyException;
import io.ecrm.streams.profile.CustomerProfile;
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
 * header from outside gains nothing: the caller's key still decides the tenant, an instance
 * that does not own the key answers 503, and the request counts against the tenant's quota and
 * goes on the audit trail like any other ({@link QuotaGate}, {@link AuditTrail}).
 * <p>
 * When the owner does not answer (it crashed, and the group has not moved its partitions yet), the
 * visitor is read from a standby copy ({@code --standby-replicas}): here when this instance holds
 * one, else on the instance that does, asked with {@value #STALE_HEADER}{@code : allowed}. While
 * this instance's own copy cannot be read as the owner's (a rebalance), it is read as a stale copy.
 * Such an answer carries {@value #STALE_HEADER}{@code : true}: it may trail the visitor's latest
 * events by what the copy had not replicated or restored yet.
 */
public final class VisitorRouter {
    /** Marks a forwarded request; its value names the key it was forwarded for: {@code customer} or {@code anonymous}. */
    public static final String FORWARDED_HEADER = "X-Ecrm-Forwarded";
    /** On the answer to a forwarded request: {@code found} when the answering instance holds the visitor, else {@code unknown}. */
    public static final String VISITOR_HEADER = "X-Ecrm-Visitor";
    /** On an {@code unknown} answer for an anonymous id: the customer key the id is linked to. */
    public static final String LINKED_HEADER = "X-Ecrm-Linked";
    /** On a forwarded request, {@code allowed}: read a stale copy (a standby); on an answer, {@code true}: read from one. */
    public static final String STALE_HEADER = "X-Ecrm-Stale";
    /** The forwarded-header value that names the visitor key to read, for a linked anonymous id. */
    static final String KEY_PREFIX = "key=";
    private static final Duration CONNECT_TIMEOUT = Duration.ofMillis(1_000);
    private static final Duration REQUEST_TIMEOUT = Duration.ofMillis(5_000);
    private static final List<String> RELAYED_HEADERS = List.of("Content-Type", "Retry-After", "WWW-Authenticate", "Cache-Control",
            STALE_HEADER, "X-Ecrm-Personalised"); // the last: Recommendations.PERSONALISED_HEADER

    /**
     * Whether this instance's own stores hold the visitor under a visitor key ({@code c:id} or
     * {@code a:id}). A resolution answered here with a key was decided by the last call, which
     * answered true for that key: what the call read is what the caller may answer from.
     */
    @FunctionalInterface
    public interface Holds {
        /** @param stale read any copy this instance has of the visitor (a standby, or its own during a rebalance) */
        boolean holds(TenantEngine tenant, String visitorKey, boolean stale);
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
    public record Resolution(boolean relayed, String visitorKey, boolean stale) {
        static final Resolution RELAYED = new Resolution(true, null, false);
        static final Resolution NOBODY = new Resolution(false, null, false);

        static Resolution here(String visitorKey) {
            return new Resolution(false, visitorKey, false);
        }

        static Resolution staleHere(String visitorKey) {
            return new Resolution(false, visitorKey, true);
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
            HostStoreInfo owner;
            try {
                owner = owners.ownerOf(tenant.streams(), key);
            } catch (StateNotReadyException ownerUnknown) {
                // a rebalance: a copy here that holds the visitor answers; else nobody can say where it is
                Resolution copy;
                try {
                    copy = staleCopyHere(ctx, tenant, key, holds);
                } catch (StateNotReadyException noCopyHere) {
                    copy = null;
                }
                if (copy == null) {
                    throw ownerUnknown;
                }
                return copy;
            }
            if (owner.local()) {
                Resolution here = readHere(ctx, tenant, key, holds);
                if (here != null) {
                    return here;
                }
                String linked = key.equals(anonymousKey) ? tenant.streams().linkedCustomer(anonymousKey) : null;
                if (linked != null) {
                    return follow(ctx, tenant, linked, holds);
                }
            } else if (asked.add(owner)) {
                String askedFor = key.equals(customerKey) ? "customer" : "anonymous";
                Relay relay = relay(ctx, owner, askedFor, false);
                if (relay.unreachable()) {
                    Resolution standby = fromStandby(ctx, tenant, key, askedFor, holds);
                    if (standby != null) {
                        return standby;
                    }
                    continue; // the standby does not hold the visitor under this key
                }
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

    /**
     * The visitor key read here, where its partition's active copy is: as the owner's, or while that
     * cannot be read (a rebalance) as a stale copy; null when this instance does not hold the visitor under it.
     */
    private static Resolution readHere(Context ctx, TenantEngine tenant, String key, Holds holds) {
        try {
            return holds.holds(tenant, key, false) ? Resolution.here(key) : null;
        } catch (StateNotReadyException notQueryable) {
            return staleCopyHere(ctx, tenant, key, holds);
        }
    }

    /**
     * The key read from this instance's copy of its partition, flagged stale; null when the copy does
     * not hold it.
     *
     * @throws StateNotReadyException when this instance has no copy (active, restoring or standby) of the partition
     */
    private static Resolution staleCopyHere(Context ctx, TenantEngine tenant, String key, Holds holds) {
        if (!holds.holds(tenant, key, true)) {
            return null;
        }
        ctx.header(STALE_HEADER, "true");
        return Resolution.staleHere(key);
    }

    /**
     * The visitor key read from a standby copy, its owner being unreachable: here, or relayed from
     * the instance holding the copy; null when the copy does not hold the visitor under this key.
     */
    private Resolution fromStandby(Context ctx, TenantEngine tenant, String key, String forwardedFor, Holds holds)
            throws InterruptedException {
        try {
            // a copy here (a standby, or a partition this instance is taking over) costs no request
            return staleCopyHere(ctx, tenant, key, holds);
        } catch (StateNotReadyException noCopyHere) {
            // ask the instances holding one
        }
        for (HostStoreInfo standby : owners.standbysOf(tenant.streams(), key)) {
            if (standby.local()) {
                continue;
            }
            Relay relay = relay(ctx, standby, forwardedFor, true);
            if (relay.relayed()) {
                return Resolution.RELAYED;
            }
            if (!relay.unreachable()) {
                return null;
            }
        }
        throw new ApiProblem(ApiProblem.Type.UNAVAILABLE,
                "the instance holding this visitor did not answer, and no standby copy could; send the request again");
    }

    /**
     * The visitor's profile, read once where the visitor is held (from a stale copy while its owner
     * is away or rebalancing); null when another instance answered the request (its answer is sent).
     *
     * @throws ApiProblem 404 when no instance holds the visitor
     */
    public CustomerProfile profile(Context ctx, TenantEngine tenant, String visitorId) throws InterruptedException {
        CustomerProfile[] read = new CustomerProfile[1];
        Resolution found = resolve(ctx, tenant, visitorId, (engine, key, stale) ->
                (read[0] = stale ? engine.streams().staleProfile(key) : engine.streams().profile(key)) != null);
        if (found.relayed()) {
            return null;
        }
        if (found.visitorKey() == null) {
            throw new ApiProblem(ApiProblem.Type.NOT_FOUND, "no events of customer " + visitorId);
        }
        return read[0];
    }

    /** The customer an anonymous id is linked to: read here when this instance holds it, else relayed from its owner. */
    private Resolution follow(Context ctx, TenantEngine tenant, String linkedKey, Holds holds) throws InterruptedException {
        HostStoreInfo owner = owners.ownerOf(tenant.streams(), linkedKey);
        if (owner.local()) {
            Resolution here = readHere(ctx, tenant, linkedKey, holds);
            return here == null ? Resolution.NOBODY : here;
        }
        Relay relay = relay(ctx, owner, KEY_PREFIX + linkedKey, false);
        if (relay.unreachable()) {
            Resolution standby = fromStandby(ctx, tenant, linkedKey, KEY_PREFIX + linkedKey, holds);
            return standby == null ? Resolution.NOBODY : standby;
        }
        return relay.relayed() ? Resolution.RELAYED : Resolution.NOBODY;
    }

    /** A forwarded request: answered from this instance's own state, and never forwarded again. */
    private Resolution answeredHere(Context ctx, TenantEngine tenant, String forwardedFor, String customerKey,
                                    String anonymousKey, Holds holds) {
        String key = forwardedFor.startsWith(KEY_PREFIX) ? forwardedFor.substring(KEY_PREFIX.length())
                : "anonymous".equals(forwardedFor) ? anonymousKey : customerKey;
        if ("allowed".equals(ctx.header(STALE_HEADER))) {
            // the owner is away: this instance's standby copy of the one key asked for
            if (owners.standbysOf(tenant.streams(), key).stream().noneMatch(HostStoreInfo::local)) {
                throw new StateNotReadyException(tenant.topics().tenant().value(), tenant.streams().state(), null);
            }
            boolean held = holds.holds(tenant, key, true);
            ctx.header(VISITOR_HEADER, held ? "found" : "unknown");
            ctx.header(STALE_HEADER, "true");
            return held ? Resolution.staleHere(key) : Resolution.NOBODY;
        }
        if (!owners.ownerOf(tenant.streams(), key).local()) {
            // the key moved in a rebalance since the forwarding instance looked; it asks again
            throw new StateNotReadyException(tenant.topics().tenant().value(), tenant.streams().state(), null);
        }
        Resolution found = null;
        for (String candidate : forwardedFor.startsWith(KEY_PREFIX) ? List.of(key) : List.of(customerKey, anonymousKey)) {
            if (found == null) {
                found = readHere(ctx, tenant, candidate, holds);
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
        return found == null ? Resolution.NOBODY : found;
    }

    /** What a forwarded request came back with: relayed to the caller, not held there (and maybe linked), or no answer. */
    private record Relay(boolean relayed, String linkedKey, boolean unreachable) {
        static final Relay UNREACHABLE = new Relay(false, null, true);
    }

    /** Forwards the request; relays the answer unless the owner said it does not hold the visitor. */
    private Relay relay(Context ctx, HostStoreInfo owner, String forwardedFor, boolean standby) throws InterruptedException {
        String query = ctx.queryString();
        URI target = URI.create(owner.baseUrl() + ctx.req().getRequestURI() + (query == null ? "" : "?" + query));
        HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(REQUEST_TIMEOUT)
                .header(FORWARDED_HEADER, forwardedFor).method(ctx.method().name(), HttpRequest.BodyPublishers.noBody());
        if (standby) {
            request.header(STALE_HEADER, "allowed");
        }
        String authorization = ctx.header("Authorization");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<byte[]> answer;
        try {
            answer = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            metrics.forwarded("unreachable");
            return Relay.UNREACHABLE;
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
            return new Relay(false, answer.headers().firstValue(LINKED_HEADER).orElse(null), false);
        }
        metrics.forwarded("relayed");
        ctx.status(answer.statusCode());
        for (String name : RELAYED_HEADERS) {
            answer.headers().firstValue(name).ifPresent(value -> ctx.header(name, value));
        }
        ctx.result(answer.body());
        return new Relay(true, null, false);
    }
}
