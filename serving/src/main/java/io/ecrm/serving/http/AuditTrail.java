package io.ecrm.serving.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecrm.ingest.EventPublisher;
import io.ecrm.schemas.TenantId;
import io.ecrm.schemas.TenantTopics;
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
    /** One entry of the trail, as written and as {@code GET /v1/audit} answers it. */
    public record Entry(String at, String key, String method, String route, Map<String, String> target, int status,
                        String outcome) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(AuditTrail.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long WRITE_WAIT_SECONDS = 10;

    private final EventPublisher publisher;

    public AuditTrail(EventPublisher publisher) {
        this.publisher = publisher;
    }

    /** Records an admin request that was answered with {@code status}. */
    void record(Context ctx, String method, String route, int status) throws InterruptedException {
        TenantId tenant = ctx.attribute(RequestParams.TENANT_ATTRIBUTE);
        TenantRegistry.Caller caller = ctx.attribute(ApiKeyAuth.CALLER_ATTRIBUTE);
        if (tenant == null || caller == null || OtherInstances.isForwarded(ctx)) {
            return; // not authenticated (nothing was done), or recorded where it arrived
        }
        String outcome = status < 300 ? "done" : status == 403 ? "forbidden" : "refused";
        Entry entry = new Entry(Instant.now().toString(), caller.keyName(), method, route, new TreeMap<>(ctx.pathParamMap()),
                status, outcome);
        try {
            publisher.audit(new TenantTopics(tenant), JSON.writeValueAsBytes(entry)).get(WRITE_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException | JsonProcessingException e) {
            // the action is done or refused already; its trace is in the log at least
            LOG.warn("tenant {}: the audit trail did not take {}", tenant.value(), entry, e);
        }
    }
}
