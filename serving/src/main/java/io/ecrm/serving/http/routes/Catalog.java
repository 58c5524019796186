package io.ecrm.serving.http.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecrm.ingest.EventPublisher;
import io.ecrm.schemas.CatalogDecoder;
import io.ecrm.schemas.CatalogItem;
import io.ecrm.serving.TenantEngine;
import io.ecrm.serving.Tenants;
import io.ecrm.serving.http.ApiProblem;
import io.ecrm.serving.http.RequestParams;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code POST /v1/catalog}: takes a JSON array of catalogue items (schema
 * {@code catalog-item.v1.json}) for the request's tenant; an item replaces an earlier one with the
 * same id. Recommendations leave out items marked {@code "available": false}, filter by
 * {@code category}, and profiles count views per category.
 * <ul>
 *   <li>202 {@code {"accepted": n}}: all n items are on Kafka; they apply within a second;</li>
 *   <li>400 problem with one entry per bad field: nothing of the batch was written;</li>
 *   <li>413 when the batch holds more than the configured number of items;</li>
 *   <li>503 when Kafka did not take the batch: send it again.</li>
 * </ul>
 * {@code GET /v1/catalog?ids=a,b} ({@link #list}): the catalogue's entries of up to
 * {@value #MAX_LISTED} items (name, category, price, currency, available), in the order asked, and
 * the ids it does not list.
 */
public final class Catalog implements Handler {
    /** The answer of {@code GET /v1/catalog}. */
    public record Listed(List<CatalogItem> items, List<String> unknown) {
    }

    static final int MAX_LISTED = 100;

    private final Tenants tenants;
    private final EventPublisher publisher;
    private final ObjectMapper json;
    private final int maxBatchItems;
    private final CatalogDecoder decoder = new CatalogDecoder();

    public Catalog(Tenants tenants, EventPublisher publisher, ObjectMapper json, int maxBatchItems) {
        this.tenants = tenants;
        this.publisher = publisher;
        this.json = json;
        this.maxBatchItems = maxBatchItems;
    }

    /** Handles {@code GET /v1/catalog}. */
    public void list(Context ctx) {
        TenantEngine tenant = RequestParams.tenant(ctx, tenants);
        List<String> ids = RequestParams.queryIds(ctx, "ids", MAX_LISTED);
        ApiProblem.check(ids != null, "query/ids", "name the items, comma-separated");
        List<CatalogItem> items = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String id : new LinkedHashSet<>(ids)) {
            CatalogItem item = tenant.streams().catalogItem(id);
            if (item == null) {
                unknown.add(id);
            } else {
                items.add(item);
            }
        }
        ctx.json(new Listed(items, unknown));
    }

    @Override
    public void handle(Context ctx) throws InterruptedException {
        TenantEngine tenant = RequestParams.tenant(ctx, tenants);
        JsonNode body = Events.readJson(ctx, json);
        if (body.isArray() && body.size() > maxBatchItems) {
            throw new ApiProblem(ApiProblem.Type.PAYLOAD_TOO_LARGE,
                    "a batch holds at most " + maxBatchItems + " items; this one holds " + body.size());
        }
        CatalogDecoder.Batch batch = decoder.decodeBatch(body);
        if (!batch.valid()) {
            throw new ApiProblem(ApiProblem.Type.VALIDATION,
                    batch.errors().size() + " invalid field(s); nothing of the batch was written", batch.errors());
        }
        try {
            int accepted = publisher.publishCatalog(tenant.topics(), batch.items()).get(30, TimeUnit.SECONDS);
            ctx.status(202).json(new Events.Accepted(accepted));
        } catch (ExecutionException | TimeoutException e) {
            throw new ApiProblem(ApiProblem.Type.UNAVAILABLE, "the catalogue log did not take the batch; send it again");
        }
    }
}
