package io.ecrm.serving.http.routes;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.math.BigDecimal;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code GET /v1/pixel.gif?type=page_view&anonymousId=...&url=...}: a 1x1 transparent GIF that
 * records one event, for e-mails and pages without JavaScript. The event's fields are query
 * parameters with the names of the event schema; {@code eventId} defaults to a new random id and
 * {@code timestamp} to now; an impression's {@code itemIds} are comma-separated, in the order shown
 * ({@code type=impression&recommendationId=...&placement=email&itemIds=sku-1,sku-2}). A valid pixel answers the GIF, never cached; an invalid one a 400
 * problem naming the bad parameters, so a broken e-mail template shows up in testing.
 */
public final class Pixel implements Handler {
    static final byte[] GIF = Base64.getDecoder().decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

    private final Events events;
    private final ObjectMapper json;

    public Pixel(Events events, ObjectMapper json) {
        this.events = events;
        this.json = json;
    }

    @Override
    public void handle(Context ctx) throws InterruptedException {
        ObjectNode event = json.createObjectNode();
        for (Map.Entry<String, List<String>> param : ctx.queryParamMap().entrySet()) {
            String name = param.getKey();
            String value = param.getValue().get(0);
            if (name.equals("tenant")) {
                continue;
            }
            try {
                switch (name) {
                    case "quantity", "timestamp" -> event.put(name, Long.parseLong(value));
                    case "price" -> event.put(name, new BigDecimal(value));
                    case "itemIds" -> {
                        ArrayNode ids = event.putArray(name);
                        for (String id : value.split(",", -1)) {
                            ids.add(id);
                        }
                    }
                    default -> event.put(name, value);
                }
            } catch (NumberFormatException e) {
                event.put(name, value); // an ISO timestamp, or a bad number the validator will name
            }
        }
        if (!event.has("eventId")) {
            event.put("eventId", UUID.randomUUID().toString());
        }
        if (!event.has("timestamp")) {
            event.put("timestamp", System.currentTimeMillis());
        }
        ArrayNode batch = json.createArrayNode();
        batch.add(event);
        events.publish(ctx, batch);
        ctx.status(200).contentType("image/gif").header("Cache-Control", "no-store, max-age=0").result(GIF);
    }
}
