package io.ecrm.serving;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecrm.ingest.demo.DemoClickstream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Random;

/**
 * Shoppers of the demo shop who see recommendations and react to them, through the engine's own
 * API as a shop's pages would: each views a product, is shown a list on the product page and one on
 * the home page (each an {@code impression}), and clicks an item of a list now and then, more often
 * the better it fits what they looked at (its category or an accessory of it) and the higher it
 * stands; some clicks end in a cart add and a purchase at the catalogue price. Nothing favours an arm:
 * what each arm earns comes from what its settings rank. Before the first shopper, the demo's
 * experiment ({@link #EXPERIMENT}: the tenant's settings against the same with popular items blended
 * in) is started unless the tenant has one, so that a fresh demo shows a report and a running
 * experiment with numbers.
 */
public final class DemoShoppers {
    public static final String EXPERIMENT = "demo-ranking";
    public static final int SHOPPERS = 300;
    private static final String PLAN = "{\"arms\":[{\"name\":\"current\"},"
            + "{\"name\":\"popular-blend\",\"overrides\":{\"ranking.popularityWeight\":0.2}}]}";
    private static final Duration READY_WITHIN = Duration.ofMinutes(3);

    /** What the shoppers did: lists shown, clicks, purchases. */
    public record Outcome(int lists, int clicks, int purchases) {
    }

    private final String baseUrl;
    private final String authorization;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    public DemoShoppers(String baseUrl, String apiKey) {
        this.baseUrl = baseUrl;
        this.authorization = "Bearer " + apiKey;
    }

    /**
     * Waits until the demo clickstream's items have neighbours, starts the experiment unless one
     * exists, then runs {@code shoppers} shoppers, their events stamped over the minutes before now.
     */
    public Outcome run(int shoppers, long seed) throws IOException, InterruptedException {
        awaitNeighbours();
        int started = send("PUT", "/v1/experiments/" + EXPERIMENT, PLAN).statusCode();
        if (started != 201 && started != 200 && started != 409) {
            throw new IOException("the demo experiment could not start: status " + started);
        }
        Random random = new Random(seed);
        int lists = 0;
        int clicks = 0;
        int purchases = 0;
        long time = System.currentTimeMillis() - shoppers * 10_000L;
        for (int s = 0; s < shoppers; s++) {
            String shopper = String.format("shopper-%04d", s);
            String category = DemoClickstream.startingCategory(random);
            int index = Math.min(DemoClickstream.ITEMS_PER_CATEGORY - 2, (int) (random.nextExponential() * 6));
            ArrayNode events = json.createArrayNode();
            events.add(event(shopper, s, 0, time += 2_000, "product_view").put("itemId", DemoClickstream.itemId(category, index)));
            int step = 1;
            for (String placement : List.of("product-page", "home")) {
                String query = placement.equals("home") ? "?count=6" : "?count=6&itemId=" + DemoClickstream.itemId(category, index);
                JsonNode answer = json.readTree(send("GET", "/v1/customers/" + shopper + "/recommendations" + query, null).body());
                String id = answer.path("recommendationId").asText(null);
                JsonNode items = answer.path("items");
                if (id == null || items.isEmpty()) {
                    continue;
                }
                ObjectNode impression = event(shopper, s, step++, time += 1_000, "impression")
                        .put("recommendationId", id).put("placement", placement);
                ArrayNode shown = impression.putArray("itemIds");
                items.forEach(item -> shown.add(item.get("itemId").asText()));
                events.add(impression);
                lists++;
                double interest = placement.equals("home") ? 0.5 : 1.0;
                for (int position = 0; position < items.size(); position++) {
                    String item = items.get(position).get("itemId").asText();
                    String itsCategory = item.substring(0, item.lastIndexOf('-'));
                    boolean fits = itsCategory.equals(category) || DemoClickstream.accessoriesOf(category).contains(itsCategory);
                    if (random.nextDouble() < interest * (fits ? 0.3 : 0.02) / (1 + 0.5 * position)) {
                        clicks++;
                        events.add(event(shopper, s, step++, time += 3_000, "product_view").put("itemId", item)
                                .put("recommendationId", id));
                        if (random.nextDouble() < 0.35) {
                            events.add(event(shopper, s, step++, time += 5_000, "add_to_cart").put("itemId", item));
                            if (random.nextDouble() < 0.5) {
                                int itemIndex = Integer.parseInt(item.substring(item.lastIndexOf('-') + 1));
                                events.add(event(shopper, s, step++, time += 20_000, "purchase").put("itemId", item)
                                        .put("price", DemoClickstream.priceOf(itsCategory, itemIndex)).put("currency", "EUR"));
                                purchases++;
                            }
                        }
                        break;
                    }
                }
            }
            int status = send("POST", "/v1/events", json.writeValueAsString(events)).statusCode();
            if (status != 202) {
                throw new IOException("the engine refused a shopper's events: status " + status);
            }
        }
        return new Outcome(lists, clicks, purchases);
    }

    private ObjectNode event(String shopper, int s, int step, long time, String type) {
        ObjectNode event = json.createObjectNode();
        event.put("eventId", "demo-shopper-" + s + "-" + step).put("type", type).put("timestamp", time)
                .put("anonymousId", shopper);
        return event;
    }

    private void awaitNeighbours() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        String probe = "/v1/items/" + DemoClickstream.itemId(DemoClickstream.categories().get(0), 0) + "/similar?count=1";
        while (send("GET", probe, null).statusCode() != 200) {
            if (System.nanoTime() > deadline) {
                throw new IOException("the demo clickstream was not learnt within " + READY_WITHIN.toMinutes() + " minutes");
            }
            Thread.sleep(500);
        }
    }

    private HttpResponse<String> send(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", authorization);
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
