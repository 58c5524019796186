package io.ecrm.benchmarks.harness;

import io.ecrm.benchmarks.ZipfSampler;
import io.ecrm.recommender.RecommenderSettings;
import io.ecrm.schemas.ClickEvent;
import io.ecrm.schemas.EventType;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.LongSupplier;

/**
 * A seeded shop's clickstream for the load harness. The catalogue's item popularity follows a
 * power law (Zipf, s = 1, over a catalogue shuffled the same way for every generator of that size) and items come in categories of
 * {@value #CATEGORY_SIZE}. Visitors browse in sessions (geometric length, mean 8 events) of which
 * {@value #ACTIVE_SESSIONS} run at once, interleaved: after a first item drawn by popularity, 60%
 * of the next items come from the same category, 25% from the whole catalogue by popularity, 15%
 * go back to the session's last item to put it in the cart (70%) or buy it (30%); other events are
 * 95% views, 4% cart adds, 1% purchases. A quarter of the visitors are customers who are logged in
 * (their events carry both ids). A session's events are 5-60 s apart in event time; each session
 * starts at the time {@code sessionStart} gives. Visitors of new sessions are drawn uniformly from
 * a fixed population, so a run returns to the visitors it has seen.
 * <p>
 * A share of the product views ({@code impressionShare}) is followed by an {@code impression}: the
 * shop showing a list of {@value #SHOWN} items of the viewed item's category (its most popular
 * others), with a recommendation id of its own; when the session's next item is one of them, that
 * event names the list's id (a click on a recommended item). Impressions weigh nothing in the item counts.
 * <p>
 * Nothing is refused by the engine's cleaning: event ids are unique per generator, no visitor
 * comes near the bot rate, and event times stay where the caller's clock puts them.
 */
final class ShopTraffic {
    static final int CATEGORY_SIZE = 20;
    static final int ACTIVE_SESSIONS = 1_000;
    /** Items of one impression. */
    static final int SHOWN = 6;
    /** The share of product views followed by an impression unless a run says otherwise. */
    static final double IMPRESSION_SHARE = 0.5;
    private static final RecommenderSettings WEIGHTS = RecommenderSettings.DEFAULTS;

    private final Random random;
    private final String[] itemIds;
    private final int[] itemOfRank;
    private final ZipfSampler popularity;
    private final ZipfSampler withinCategory = new ZipfSampler(CATEGORY_SIZE, 1.0);
    private final int visitors;
    private final String prefix;
    private final LongSupplier sessionStart;
    private final Session[] active = new Session[ACTIVE_SESSIONS];
    private final double impressionShare;
    private long sequence;
    /** An impression to send next, after the view it follows. */
    private ClickEvent pending;

    private static final class Session {
        String anonymousId;
        String customerId;
        long time;
        int left;
        int lastItem = -1;
        /** The items of the last list shown in the session, and its id; null when none. */
        int[] shown;
        String shownId;
    }

    /**
     * @param seed         the same seed gives the same events
     * @param items        catalogue size (rounded up to whole categories)
     * @param visitors     size of the visitor population
     * @param prefix       keeps the event and visitor ids of several generators apart
     * @param sessionStart event time of each new session, in epoch milliseconds
     * @param impressionShare the share of product views followed by an impression, 0 to 1
     */
    ShopTraffic(long seed, int items, int visitors, String prefix, LongSupplier sessionStart, double impressionShare) {
        this.impressionShare = impressionShare;
        this.random = new Random(seed);
        int size = (items + CATEGORY_SIZE - 1) / CATEGORY_SIZE * CATEGORY_SIZE;
        this.itemIds = new String[size];
        this.itemOfRank = new int[size];
        for (int i = 0; i < size; i++) {
            itemIds[i] = itemId(i);
            itemOfRank[i] = i;
        }
        // the catalogue's popularity order depends on its size only: every generator of a run shares it
        Random shuffle = new Random(size * 0x9E3779B97F4A7C15L);
        for (int i = size - 1; i > 0; i--) {
            int j = shuffle.nextInt(i + 1);
            int t = itemOfRank[i];
            itemOfRank[i] = itemOfRank[j];
            itemOfRank[j] = t;
        }
        this.popularity = new ZipfSampler(size, 1.0);
        this.visitors = visitors;
        this.prefix = prefix;
        this.sessionStart = sessionStart;
    }

    static String itemId(int index) {
        return "item-" + index;
    }

    /** The catalogue's most popular items, best first. */
    String[] mostPopular(int count) {
        String[] top = new String[Math.min(count, itemOfRank.length)];
        for (int r = 0; r < top.length; r++) {
            top[r] = itemIds[itemOfRank[r]];
        }
        return top;
    }

    /** The anonymous id of visitor {@code n} of the population. */
    String visitorId(int n) {
        return "v" + prefix + "-" + n;
    }

    int visitors() {
        return visitors;
    }

    ClickEvent next() {
        if (pending != null) {
            ClickEvent impression = pending;
            pending = null;
            return impression;
        }
        int slot = random.nextInt(active.length);
        Session session = active[slot];
        if (session == null || session.left == 0) {
            session = newSession();
            active[slot] = session;
        }
        int item;
        EventType type;
        double r = random.nextDouble();
        if (session.lastItem < 0 || r < 0.25) {
            item = itemOfRank[popularity.sample(random)];
            type = otherType();
        } else if (r < 0.85) {
            item = session.lastItem / CATEGORY_SIZE * CATEGORY_SIZE + withinCategory.sample(random);
            type = otherType();
        } else {
            item = session.lastItem;
            type = random.nextDouble() < 0.7 ? EventType.ADD_TO_CART : EventType.PURCHASE;
        }
        ClickEvent event = new ClickEvent("e" + prefix + "-" + sequence++, type, session.time, session.anonymousId,
                session.customerId, null, itemIds[item], 1, null, null, null, null, null, null);
        if (session.shown != null && contains(session.shown, item)) {
            event = event.fromRecommendation(session.shownId);
        }
        if (type == EventType.PRODUCT_VIEW && impressionShare > 0 && random.nextDouble() < impressionShare) {
            session.shown = shownWith(item);
            session.shownId = "r" + prefix + "-" + sequence;
            List<String> ids = new ArrayList<>(SHOWN);
            for (int shown : session.shown) {
                ids.add(itemIds[shown]);
            }
            ClickEvent impression = ClickEvent.impression("e" + prefix + "-" + sequence++, session.time + 500,
                    session.anonymousId, session.shownId, "product-page", ids);
            pending = session.customerId == null ? impression : new ClickEvent(impression.eventId(), impression.type(),
                    impression.timestampMillis(), impression.anonymousId(), session.customerId, null, null, 1, null, null,
                    null, null, null, null, impression.recommendationId(), impression.placement(), impression.itemIds());
        }
        session.lastItem = item;
        session.left--;
        session.time += 5_000 + random.nextInt(55_000);
        return event;
    }

    /** The {@value #SHOWN} items of the item's category a list beside it shows: the category's others, first ones first. */
    private int[] shownWith(int item) {
        int first = item / CATEGORY_SIZE * CATEGORY_SIZE;
        int[] shown = new int[SHOWN];
        for (int i = 0, n = 0; n < SHOWN; i++) {
            if (first + i != item) {
                shown[n++] = first + i;
            }
        }
        return shown;
    }

    private static boolean contains(int[] items, int item) {
        for (int i : items) {
            if (i == item) {
                return true;
            }
        }
        return false;
    }

    private EventType otherType() {
        double r = random.nextDouble();
        return r < 0.95 ? EventType.PRODUCT_VIEW : r < 0.99 ? EventType.ADD_TO_CART : EventType.PURCHASE;
    }

    private Session newSession() {
        Session session = new Session();
        int visitor = random.nextInt(visitors);
        session.anonymousId = visitorId(visitor);
        session.customerId = visitor % 4 == 0 ? "c" + prefix + "-" + visitor : null;
        session.time = sessionStart.getAsLong();
        session.left = 1 + (int) Math.floor(Math.log(1 - random.nextDouble()) / Math.log(1 - 1.0 / 8));
        return session;
    }

    /** What the event adds to the item counts: the recommender's weight of its kind. */
    static double weightOf(EventType type) {
        return switch (type) {
            case PRODUCT_VIEW -> WEIGHTS.viewWeight();
            case ADD_TO_CART -> WEIGHTS.cartWeight();
            case PURCHASE -> WEIGHTS.purchaseWeight();
            default -> 0.0;
        };
    }

    /**
     * Appends the event in the wire form of {@code POST /v1/events}. Ids are the generator's own
     * (letters, digits and dashes), so nothing needs escaping.
     */
    static void appendJson(ClickEvent event, StringBuilder json) {
        json.append("{\"eventId\":\"").append(event.eventId()).append("\",\"type\":\"").append(event.type().wireName())
                .append("\",\"timestamp\":").append(event.timestampMillis());
        if (event.anonymousId() != null) {
            json.append(",\"anonymousId\":\"").append(event.anonymousId()).append('"');
        }
        if (event.customerId() != null) {
            json.append(",\"customerId\":\"").append(event.customerId()).append('"');
        }
        if (event.itemId() != null) {
            json.append(",\"itemId\":\"").append(event.itemId()).append('"');
        }
        if (event.recommendationId() != null) {
            json.append(",\"recommendationId\":\"").append(event.recommendationId()).append('"');
        }
        if (event.itemIds() != null) {
            json.append(",\"placement\":\"").append(event.placement()).append("\",\"itemIds\":[");
            for (int i = 0; i < event.itemIds().size(); i++) {
                json.append(i == 0 ? "\"" : ",\"").append(event.itemIds().get(i)).append('"');
            }
            json.append(']');
        }
        json.append('}');
    }
}
