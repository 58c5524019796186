package io.ecrm.ingest.demo;

import io.ecrm.schemas.ClickEvent;
import io.ecrm.schemas.EventType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A small shop's clickstream, generated the same way on every run (fixed seed and clock): a
 * catalogue of categories whose items sell with matching accessories (phone-07 with case-07 and
 * charger-07), browsed by visitors who look around one category, often move on to its
 * accessories, and sometimes buy. Popularity within a category is skewed, as in real shops.
 */
public final class DemoClickstream {
    public static final int ITEMS_PER_CATEGORY = 25;
    /** Categories and the categories whose items go with theirs. */
    static final Map<String, List<String>> ACCESSORIES = Map.of(
            "phone", List.of("case", "charger"),
            "laptop", List.of("bag", "charger"),
            "camera", List.of("memory-card", "bag"),
            "headphones", List.of(),
            "case", List.of("phone"),
            "charger", List.of(),
            "bag", List.of(),
            "memory-card", List.of("camera"));
    private static final List<String> CATEGORIES = List.of(
            "phone", "laptop", "camera", "headphones", "case", "charger", "bag", "memory-card");
    private static final Instant START = Instant.parse("2026-01-05T09:00:00Z");

    private DemoClickstream() {
    }

    public static String itemId(String category, int index) {
        return String.format("%s-%02d", category, index);
    }

    /** The events of {@code visitors} visitors, in time order. */
    public static List<ClickEvent> generate(int visitors, long seed) {
        Random random = new Random(seed);
        List<ClickEvent> events = new ArrayList<>();
        long time = START.toEpochMilli();
        for (int v = 0; v < visitors; v++) {
            String visitor = String.format("visitor-%04d", v);
            // the first categories are the shop's main lines: most visits start there
            String category = CATEGORIES.get(Math.min(CATEGORIES.size() - 1, (int) (random.nextExponential() * 1.5)));
            int anchor = skewedIndex(random);
            List<String> viewed = new ArrayList<>();
            int views = 3 + random.nextInt(4);
            for (int i = 0; i < views; i++) {
                int index = i == 0 ? anchor : Math.floorMod(anchor + random.nextInt(5) - 2, ITEMS_PER_CATEGORY);
                viewed.add(itemId(category, index));
            }
            for (String accessory : ACCESSORIES.get(category)) {
                if (random.nextDouble() < 0.6) {
                    viewed.add(itemId(accessory, anchor));
                    if (random.nextBoolean()) {
                        viewed.add(itemId(accessory, Math.floorMod(anchor + 1, ITEMS_PER_CATEGORY)));
                    }
                }
            }
            time += 20_000 + random.nextInt(120_000);
            long t = time;
            for (String item : viewed) {
                events.add(event(events.size(), EventType.PRODUCT_VIEW, t += 5_000 + random.nextInt(60_000), visitor, item));
            }
            if (random.nextDouble() < 0.3) {
                String chosen = itemId(category, anchor);
                events.add(event(events.size(), EventType.ADD_TO_CART, t += 30_000, visitor, chosen));
                if (random.nextBoolean()) {
                    events.add(event(events.size(), EventType.PURCHASE, t += 120_000, visitor, chosen));
                }
            }
        }
        events.sort((a, b) -> Long.compare(a.timestampMillis(), b.timestampMillis()));
        return events;
    }

    private static int skewedIndex(Random random) {
        // roughly Zipf-like: index 0 is the best seller
        return Math.min(ITEMS_PER_CATEGORY - 1, (int) (random.nextExponential() * ITEMS_PER_CATEGORY / 4.0));
    }

    private static ClickEvent event(int sequence, EventType type, long time, String visitor, String item) {
        return ClickEvent.item("demo-" + sequence, type, time, visitor, item);
    }
}
