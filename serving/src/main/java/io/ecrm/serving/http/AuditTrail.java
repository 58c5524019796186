package io.ecrm.serving.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecrm.ingest.EventPublisher;
import io.ecrm.schemas.TenantId;
import io.ecrm.schemas.TenantTopics;
import io.ecrm.serving.tenants.Scope;
import io.ecrm.serving.tenants.StoredKey;
import io.ecrm.serving.tenants.TenantRecord;
import io.ecrm.serving.tenants.TenantRegistry;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes what keys did with the {@code admin} scope, and admin requests refused, to the tenant's
 * audit topic ({@link TenantTopics#audit}), before the answer goes out: the key's name (never the
 * key), when, the route, what it named (the path's ids: the customer erased, the segment defined),
 * the status and the outcome. An erasure stays on record after the customer's data is gone: the
 * record names the id that was erased.
 */
public final class AuditTrail {
    /**
     * One entry of the trail, as written and as {@code GET /v1/audit} answers it; {@code forwarded}
     * true on the entry an instance writes for a request another instance forwarded to it (that one
     * writes its own), absent otherwise.
     */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record Entry(String at, String key, String method, String route, Map<String, String> target, int status,
                        String outcome, Boolean forwarded) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(AuditTrail.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long WRITE_WAIT_SECONDS = 10;

    private final EventPublisher publisher;

    public AuditTrail(EventPublisher publisher) {
        this.publisher = publisher;
    }

    /**
     * Records what a change of the tenants file did to a tenant's keys and quota, as the engine
     * reads the file again (the change itself is made with {@code ecrm tenant}, outside the API):
     * entries with the key {@code tenants-file}, method {@code FILE}, route {@code keys} or
     * {@code quota}, and the key's id, name and scopes, or the quota, as target.
     */
    public void fileChanged(TenantRecord before, TenantRecord after) {
        TenantRecord tenant = after != null ? after : before;
        Map<String, StoredKey> was = new TreeMap<>();
        Map<String, StoredKey> now = new TreeMap<>();
        if (before != null) {
            before.keys().forEach(k -> was.put(k.keyId(), k));
        }
        if (after != null) {
            after.keys().forEach(k -> now.put(k.keyId(), k));
        }
        now.forEach((id, key) -> {
            if (!was.containsKey(id)) {
                write(tenant.id(), "keys", keyTarget(key), "key added");
            }
        });
        was.forEach((id, key) -> {
            if (!now.containsKey(id)) {
                write(tenant.id(), "keys", keyTarget(key), "key revoked");
            }
        });
        if (before != null && after != null && !before.quota().equals(after.quota())) {
            write(tenant.id(), "quota", Map.of("requestsPerSecond", String.valueOf(after.quota().requestsPerSecond()),
                    "eventsPerSecond", String.valueOf(after.quota().eventsPerSecond())), "quota set");
        }
    }

    private static Map<String, String> keyTarget(StoredKey key) {
        Map<String, String> target = new TreeMap<>();
        target.put("keyId", key.keyId());
        target.put("name", key.displayName());
        target.put("scopes", String.join(",", key.scopes().stream().sorted().map(Scope::wireName).toList()));
        return target;
    }

    /** Appends an entry of a file change without waiting: no request waits on it. */
    private void write(String tenant, String route, Map<String, String> target, String outcome) {
        Entry entry = new Entry(Instant.now().toString(), "tenants-file", "FILE", route, target, 0, outcome, null);
        try {
            publisher.audit(new TenantTopics(new TenantId(tenant)), JSON.writeValueAsBytes(entry)).whenComplete((done, error) -> {
                if (error != null) {
                    LOG.warn("tenant {}: the audit trail did not take {}", tenant, entry, error);
                }
            });
        } catch (JsonProcessingException e) {
            LOG.warn("tenant {}: an audit entry that does not serialise: {}", tenant, entry, e);
        }
    }

    /** Records an admin request that was answered with {@code status}. */
    void record(Context ctx, String method, String route, int status) throws InterruptedException {
        TenantId tenant = ctx.attribute(RequestParams.TENANT_ATTRIBUTE);
        TenantRegistry.Caller caller = ctx.attribute(ApiKeyAuth.CALLER_ATTRIBUTE);
        if (tenant == null || caller == null) {
            return; // not authenticated: nothing was done
        }
        // a forwarded request is recorded here too: the header that marks one is a client's to send as well
        Boolean forwarded = OtherInstances.isForwarded(ctx) ? Boolean.TRUE : null;
        String outcome = status < 300 ? "done" : status == 403 ? "forbidden" : "refused";
        Entry entry = new Entry(Instant.now().toString(), caller.keyName(), method, route, new TreeMap<>(ctx.pathParamMap()),
                status, outcome, forwarded);
        try {
            publisher.audit(new TenantTopics(tenant), JSON.writeValueAsBytes(entry)).get(WRITE_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException | JsonProcessingException e) {
            // the action is done or refused already; its trace is in the log at least
            LOG.warn("tenant {}: the audit trail did not take {}", tenant.value(), entry, e);
        }
    }
}
