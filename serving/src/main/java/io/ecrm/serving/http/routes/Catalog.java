package io.ecrm.serving.http.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecrm.ingest.EventPublisher;
import io.ecrm.schemas.CatalogDecoder;
import io.ecrm.serving.TenantEngine;
import io.ecrm.serving.Tenants;
import io.ecrm.serving.http.ApiProblem;
import io.ecrm.serving.http.RequestParams;
import io.javalin.http.Context;
import io.javalin.http.Handler;
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
 */
public final class Catalog implements Handler {
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
