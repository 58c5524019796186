package io.ecrm.streams.earnings;

import io.ecrm.schemas.ClickEvent;
import io.ecrm.schemas.EventType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What a visitor was recently shown and clicked of the recommendations, kept in their record to
 * say what each of their events earned. The rule:
 * <ul>
 *   <li>an {@code impression} is one list shown at its placement;</li>
 *   <li>a product event naming a {@code recommendationId} is a click on a recommended item, counted
 *       once per recommendation and item, at the placement of that recommendation's impression
 *       ({@link #UNKNOWN_PLACEMENT} when its impression was not sent or is no longer kept);</li>
 *   <li>a cart add or purchase of an item within {@link #ATTRIBUTION_MILLIS} after a click on that
 *       item is attributed to the placement of the latest such click (last click wins); a purchase
 *       adds its price times quantity to the revenue.</li>
 * </ul>
 * Bounded: the last {@link #SHOWN_KEPT} impressions and {@link #CLICKS_KEPT} clicks. Immutable.
 */
public record RecommendationTrail(List<Shown> shown, List<Click> clicks) {
    public static final RecommendationTrail NONE = new RecommendationTrail(List.of(), List.of());
    public static final long ATTRIBUTION_MILLIS = 24 * 3_600_000L;
    public static final String UNKNOWN_PLACEMENT = "unknown";
    static final int SHOWN_KEPT = 20;
    static final int CLICKS_KEPT = 20;

    /** One impression: which recommendation, where, when. */
    public record Shown(String recommendationId, String placement, long timeMillis) {
    }

    /** One click on a recommended item. */
    public record Click(String recommendationId, String itemId, String placement, long timeMillis) {
    }

    /** The trail after an event, and what the event earned at which placement (null placement: nothing). */
    public record Observed(RecommendationTrail trail, String placement, Earnings earned) {
    }

    public RecommendationTrail {
        shown = List.copyOf(shown);
        clicks = List.copyOf(clicks);
    }

    public boolean isEmpty() {
        return shown.isEmpty() && clicks.isEmpty();
    }

    /** Takes one of the visitor's clean events. */
    public Observed observe(ClickEvent event) {
        long time = event.timestampMillis();
        if (event.type() == EventType.IMPRESSION) {
            List<Shown> next = prepend(shown, new Shown(event.recommendationId(), event.placement(), time), SHOWN_KEPT);
            return new Observed(new RecommendationTrail(next, clicks), event.placement(),
                    Earnings.impression(event.itemIds().size()));
        }
        if (event.itemId() == null) {
            return new Observed(this, null, Earnings.NONE);
        }
        if (event.recommendationId() != null && !clicked(event.recommendationId(), event.itemId())) {
            String placement = placementOf(event.recommendationId());
            RecommendationTrail next = new RecommendationTrail(shown,
                    prepend(clicks, new Click(event.recommendationId(), event.itemId(), placement, time), CLICKS_KEPT));
            Earnings earned = Earnings.click();
            if (event.type() == EventType.ADD_TO_CART) {
                earned = earned.plus(Earnings.cartAdd()); // added straight from the list
            } else if (event.type() == EventType.PURCHASE) {
                earned = earned.plus(Earnings.purchase(revenueOf(event)));
            }
            return new Observed(next, placement, earned);
        }
        if (event.type() == EventType.ADD_TO_CART || event.type() == EventType.PURCHASE) {
            Click click = latestClickOn(event.itemId(), time);
            if (click != null) {
                return new Observed(this, click.placement(), event.type() == EventType.ADD_TO_CART
                        ? Earnings.cartAdd() : Earnings.purchase(revenueOf(event)));
            }
        }
        return new Observed(this, null, Earnings.NONE);
    }

    /** This trail with another visitor's of the same person: both, newest first, within the bounds. */
    public RecommendationTrail merge(RecommendationTrail other) {
        if (other == null || other.isEmpty()) {
            return this;
        }
        List<Shown> allShown = new ArrayList<>(shown);
        allShown.addAll(other.shown);
        allShown.sort(Comparator.comparingLong(Shown::timeMillis).reversed());
        List<Click> allClicks = new ArrayList<>(clicks);
        allClicks.addAll(other.clicks);
        allClicks.sort(Comparator.comparingLong(Click::timeMillis).reversed());
        return new RecommendationTrail(allShown.subList(0, Math.min(SHOWN_KEPT, allShown.size())),
                allClicks.subList(0, Math.min(CLICKS_KEPT, allClicks.size())));
    }

    private String placementOf(String recommendationId) {
        for (Shown s : shown) {
            if (s.recommendationId().equals(recommendationId)) {
                return s.placement();
            }
        }
        return UNKNOWN_PLACEMENT;
    }

    private boolean clicked(String recommendationId, String itemId) {
        for (Click c : clicks) {
            if (c.recommendationId().equals(recommendationId) && c.itemId().equals(itemId)) {
                return true;
            }
        }
        return false;
    }

    /** The latest click on the item at most {@link #ATTRIBUTION_MILLIS} before {@code time}, or null. */
    private Click latestClickOn(String itemId, long time) {
        Click latest = null;
        for (Click c : clicks) {
            long age = time - c.timeMillis();
            if (c.itemId().equals(itemId) && age >= 0 && age <= ATTRIBUTION_MILLIS
                    && (latest == null || c.timeMillis() > latest.timeMillis())) {
                latest = c;
            }
        }
        return latest;
    }

    private static double revenueOf(ClickEvent purchase) {
        return purchase.price() == null ? 0.0 : purchase.price() * purchase.quantity();
    }

    private static <T> List<T> prepend(List<T> list, T first, int max) {
        List<T> next = new ArrayList<>(Math.min(max, list.size() + 1));
        next.add(first);
        for (int i = 0; i < list.size() && next.size() < max; i++) {
            next.add(list.get(i));
        }
        return next;
    }
}
