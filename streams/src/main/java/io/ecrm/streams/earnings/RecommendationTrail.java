package io.ecrm.streams.earnings;

import io.ecrm.schemas.ClickEvent;
import io.ecrm.schemas.EventType;
import io.ecrm.schemas.RecommendationIds;
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
 * An event whose recommendation was made in an experiment ({@link RecommendationIds}) counts for
 * the visitor's arm too: the first such event puts the visitor in the arm it names (their
 * {@link Exposure}; a later experiment's starts another), and everything attributed after counts for
 * that arm, with the visitor's revenue kept so that the arm's sum of squares grows exactly.
 * Bounded: the last {@link #SHOWN_KEPT} impressions and {@link #CLICKS_KEPT} clicks. Immutable.
 *
 * @param exposure the experiment arm the visitor was put in, or null
 */
public record RecommendationTrail(List<Shown> shown, List<Click> clicks, Exposure exposure) {
    public static final RecommendationTrail NONE = new RecommendationTrail(List.of(), List.of(), null);
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

    /**
     * The experiment arm a visitor is in, and what they earned in it so far.
     *
     * @param converted whether they made an attributed purchase
     */
    public record Exposure(int serial, int arm, double revenue, boolean converted) {
    }

    /**
     * The trail after an event; what the event earned at which placement (null placement: nothing),
     * and for which experiment arm ({@code serial} 0: none) with the visitor counts.
     */
    public record Observed(RecommendationTrail trail, String placement, Earnings earned, int serial, int arm,
                           Earnings armEarned) {
        Observed(RecommendationTrail trail, String placement, Earnings earned) {
            this(trail, placement, earned, 0, 0, Earnings.NONE);
        }
    }

    public RecommendationTrail {
        shown = List.copyOf(shown);
        clicks = List.copyOf(clicks);
    }

    public RecommendationTrail(List<Shown> shown, List<Click> clicks) {
        this(shown, clicks, null);
    }

    public boolean isEmpty() {
        return shown.isEmpty() && clicks.isEmpty() && exposure == null;
    }

    /** Takes one of the visitor's clean events. */
    public Observed observe(ClickEvent event) {
        Attributed attributed = attribute(event);
        int serial = RecommendationIds.serialOf(attributed.recommendationId());
        if (serial == 0) {
            return new Observed(attributed.trail(), attributed.placement(), attributed.earned());
        }
        RecommendationTrail next = attributed.trail();
        Exposure exposure = next.exposure;
        long newVisitor = 0;
        if (exposure == null || exposure.serial() != serial) {
            exposure = new Exposure(serial, RecommendationIds.armOf(attributed.recommendationId()), 0.0, false);
            newVisitor = 1;
        }
        Earnings earned = attributed.earned();
        long converted = earned.purchases() > 0 && !exposure.converted() ? 1 : 0;
        double revenue = exposure.revenue() + earned.revenue();
        double squaresAdded = revenue * revenue - exposure.revenue() * exposure.revenue();
        Exposure after = new Exposure(serial, exposure.arm(), revenue, exposure.converted() || converted == 1);
        return new Observed(new RecommendationTrail(next.shown, next.clicks, after), attributed.placement(), earned, serial,
                exposure.arm(), earned.withVisitor(newVisitor, converted, squaresAdded));
    }

    /**
     * What an event earned at which placement, and the recommendation it is owed to (its own, or
     * that of the click it is attributed to); placement and recommendation null when it earned nothing.
     */
    private record Attributed(RecommendationTrail trail, String placement, Earnings earned, String recommendationId) {
    }

    private Attributed attribute(ClickEvent event) {
        long time = event.timestampMillis();
        if (event.type() == EventType.IMPRESSION) {
            List<Shown> next = prepend(shown, new Shown(event.recommendationId(), event.placement(), time), SHOWN_KEPT);
            return new Attributed(new RecommendationTrail(next, clicks, exposure), event.placement(),
                    Earnings.impression(event.itemIds().size()), event.recommendationId());
        }
        if (event.itemId() == null) {
            return new Attributed(this, null, Earnings.NONE, null);
        }
        if (event.recommendationId() != null && !clicked(event.recommendationId(), event.itemId())) {
            String placement = placementOf(event.recommendationId());
            RecommendationTrail next = new RecommendationTrail(shown,
                    prepend(clicks, new Click(event.recommendationId(), event.itemId(), placement, time), CLICKS_KEPT), exposure);
            Earnings earned = Earnings.click();
            if (event.type() == EventType.ADD_TO_CART) {
                earned = earned.plus(Earnings.cartAdd()); // added straight from the list
            } else if (event.type() == EventType.PURCHASE) {
                earned = earned.plus(Earnings.purchase(revenueOf(event)));
            }
            return new Attributed(next, placement, earned, event.recommendationId());
        }
        if (event.type() == EventType.ADD_TO_CART || event.type() == EventType.PURCHASE) {
            Click click = latestClickOn(event.itemId(), time);
            if (click != null) {
                return new Attributed(this, click.placement(), event.type() == EventType.ADD_TO_CART
                        ? Earnings.cartAdd() : Earnings.purchase(revenueOf(event)),
                        event.recommendationId() != null ? event.recommendationId() : click.recommendationId());
            }
        }
        return new Attributed(this, null, Earnings.NONE, null);
    }

    /**
     * This trail with another visitor's of the same person: both, newest first, within the bounds;
     * the exposure of this one (the customer), else the other's.
     */
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
                allClicks.subList(0, Math.min(CLICKS_KEPT, allClicks.size())), exposure != null ? exposure : other.exposure);
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
