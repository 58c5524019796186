package io.ecrm.ingest.demo;

import io.ecrm.schemas.CatalogItem;
import io.ecrm.schemas.ClickEvent;
import io.ecrm.schemas.EventType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A small shop's catalogue and clickstream, generated the same way on every run (fixed seed, and
 * a clock that starts where the caller says): categories whose items sell with matching accessories
 * (phone-07 with case-07 and charger-07), browsed by visitors who look around one category, often
 * move on to its accessories, and sometimes buy. Popularity within a category is skewed, as in
 * real shops. Every fourth visitor is a registered customer who comes back over the weeks, logs
 * in on the first visit and buys at catalogue prices, so profiles have history and revenue.
 */
public final class DemoClickstream {
    public static final int ITEMS_PER_CATEGORY = 25;
    /** The clickstream spans this many days from its start. */
    public static final int DAYS = 56;
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
    private static final Map<String, Double> BASE_PRICES = Map.of("phone", 499.0, "laptop", 999.0, "camera", 649.0,
            "headphones", 149.0, "case", 19.0, "charger", 29.0, "bag", 59.0, "memory-card", 25.0);
    private static final long DAY = Duration.ofDays(1).toMillis();

    private DemoClickstream() {
    }

    /** The shop's categories, main lines first. */
    public static List<String> categories() {
        return CATEGORIES;
    }

    /** The category a visit starts in: the first categories are the shop's main lines, where most visits start. */
    public static String startingCategory(Random random) {
        return CATEGORIES.get(Math.min(CATEGORIES.size() - 1, (int) (random.nextExponential() * 1.5)));
    }

    /** The categories whose items go with this one's (a phone's case and charger). */
    public static List<String> accessoriesOf(String category) {
        return ACCESSORIES.getOrDefault(category, List.of());
    }

    /** An item's catalogue price. */
    public static double priceOf(String category, int index) {
        return price(category, index);
    }

    public static String itemId(String category, int index) {
        return String.format("%s-%02d", category, index);
    }

    /** The shop's catalogue: every item with its category and price; the last item of each category is sold out. */
    public static List<CatalogItem> catalog() {
        List<CatalogItem> items = new ArrayList<>();
        for (String category : CATEGORIES) {
            for (int i = 0; i < ITEMS_PER_CATEGORY; i++) {
                items.add(new CatalogItem(itemId(category, i), name(category, i), category, price(category, i), "EUR",
                        i != ITEMS_PER_CATEGORY - 1));
            }
        }
        return items;
    }

    private static String name(String category, int index) {
        String words = category.replace('-', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1) + " " + (index + 1);
    }

    private static double price(String category, int index) {
        return Math.round(BASE_PRICES.get(category) * (0.8 + 0.02 * index)) - 0.01;
    }

    /** The events of {@code visitors} visitors, in time order, over {@link #DAYS} days from {@code start}. */
    public static List<ClickEvent> generate(int visitors, long seed, Instant start) {
        Random random = new Random(seed);
        List<ClickEvent> events = new ArrayList<>();
        for (int v = 0; v < visitors; v++) {
            String anonymous = String.format("visitor-%04d", v);
            boolean registered = v % 4 == 0;
            String customer = registered ? String.format("customer-%04d", v / 4) : null;
            int visits = registered ? 1 + Math.min(5, (int) (random.nextExponential() * 1.5)) : 1;
            long time = start.toEpochMilli() + (long) (random.nextDouble() * (DAYS - 1) * DAY);
            for (int visit = 0; visit < visits && time < start.toEpochMilli() + (DAYS - 1) * DAY; visit++) {
                // a registered customer logs in during the first visit and stays logged in afterwards
                Visitor who = new Visitor(anonymous, registered && visit > 0 ? customer : null, customer);
                time = visit(events, who, random, time, registered && visit == 0);
                time += DAY + (long) (random.nextExponential() * 7 * DAY);
            }
        }
        events.sort((a, b) -> Long.compare(a.timestampMillis(), b.timestampMillis()));
        List<ClickEvent> numbered = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            numbered.add(withId(events.get(i), "demo-" + i));
        }
        return numbered;
    }

    /** The ids an event carries: the anonymous cookie, and the customer once logged in. */
    private record Visitor(String anonymousId, String customerId, String registeredAs) {
    }

    /** One visit: views in a category and its accessories, sometimes a cart add and a purchase; answers the visit's end. */
    private static long visit(List<ClickEvent> events, Visitor who, Random random, long start, boolean logsIn) {
        String category = startingCategory(random);
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
        long t = start;
        String customer = who.customerId();
        for (int i = 0; i < viewed.size(); i++) {
            if (logsIn && i == viewed.size() / 2) {
                customer = who.registeredAs();
                events.add(event(EventType.LOGIN, t += 5_000, who.anonymousId(), customer, null, null));
            }
            events.add(event(EventType.PRODUCT_VIEW, t += 5_000 + random.nextInt(60_000), who.anonymousId(), customer,
                    viewed.get(i), null));
        }
        double buyRate = who.registeredAs() != null ? 0.45 : 0.3;
        if (random.nextDouble() < buyRate) {
            String chosen = itemId(category, anchor);
            events.add(event(EventType.ADD_TO_CART, t += 30_000, who.anonymousId(), customer, chosen, null));
            if (random.nextDouble() < (customer != null ? 0.7 : 0.4)) {
                events.add(event(EventType.PURCHASE, t += 120_000, who.anonymousId(), customer, chosen,
                        price(category, anchor)));
            }
        }
        return t;
    }

    private static int skewedIndex(Random random) {
        // roughly Zipf-like: index 0 is the best seller
        return Math.min(ITEMS_PER_CATEGORY - 2, (int) (random.nextExponential() * ITEMS_PER_CATEGORY / 4.0));
    }

    private static ClickEvent event(EventType type, long time, String anonymousId, String customerId, String item,
                                    Double price) {
        return new ClickEvent("unnumbered", type, time, anonymousId, customerId, null, item, 1, price,
                price == null ? null : "EUR", null, null, null, null);
    }

    private static ClickEvent withId(ClickEvent e, String id) {
        return new ClickEvent(id, e.type(), e.timestampMillis(), e.anonymousId(), e.customerId(), e.sessionId(),
                e.itemId(), e.quantity(), e.price(), e.currency(), e.url(), e.referrer(), e.userAgent(), e.query());
    }
}
