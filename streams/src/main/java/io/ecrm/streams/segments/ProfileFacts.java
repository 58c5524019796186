package io.ecrm.streams.segments;

import io.ecrm.schemas.EventType;
import io.ecrm.schemas.VisitorKey;
import io.ecrm.streams.profile.CustomerProfile;
import io.ecrm.streams.profile.Visit;
import java.util.List;
import java.util.Map;

/**
 * The numbers segments are made of, derived from one profile: what RFM scores, what clusters are
 * fitted on and what rules test. Small and self-contained, so a sample of them can be kept while
 * the profiles themselves are streamed past.
 *
 * @param visitorId           the id the API knows the visitor by: the customer id, else the anonymous id
 * @param customerId          the customer id, or null for an anonymous visitor
 * @param lastOrderMillis     time of the last order, or null for a visitor who never bought
 * @param lastCartAddMillis   time of the last add-to-cart, or null
 * @param cartAbandonmentRate visits that added to the cart without buying, over visits that added
 *                            to the cart (the open visit included); 0 when no visit added to the cart
 * @param averageVisitMinutes mean visit length (closed visits and the open one)
 * @param viewShare           product views over product views plus purchases; 0 when neither
 */
public record ProfileFacts(
        String visitorId,
        String customerId,
        long firstSeenMillis,
        long lastSeenMillis,
        long sessions,
        long orders,
        double revenue,
        String currency,
        Long lastOrderMillis,
        Long lastCartAddMillis,
        long productViews,
        long cartAdds,
        long purchases,
        long searches,
        int cartItems,
        double cartAbandonmentRate,
        double averageVisitMinutes,
        double viewShare,
        Map<String, Long> categoryCounts,
        String topCategory) {

    public static final long DAY_MILLIS = 86_400_000L;

    public static ProfileFacts of(CustomerProfile p) {
        Map<EventType, Long> events = p.eventsByType();
        long views = events.getOrDefault(EventType.PRODUCT_VIEW, 0L);
        long purchases = events.getOrDefault(EventType.PURCHASE, 0L);
        Visit open = p.openVisit();
        long withCart = p.visitsWithCart() + (open != null && open.cartAdded() ? 1 : 0);
        long converted = p.convertedVisits() + (open != null && open.converted() ? 1 : 0);
        double abandonment = withCart == 0 ? 0.0 : Math.max(0, withCart - Math.min(converted, withCart)) / (double) withCart;
        long visitMillis = p.closedVisitMillis() + (open == null ? 0 : open.durationMillis());
        double visitMinutes = p.sessions() == 0 ? 0.0 : visitMillis / (double) p.sessions() / 60_000.0;
        double viewShare = views + purchases == 0 ? 0.0 : views / (double) (views + purchases);
        List<String> top = p.topCategories();
        return new ProfileFacts(visitorId(p), p.customerId(), p.firstSeenMillis(), p.lastSeenMillis(), p.sessions(),
                p.orders(), p.revenue(), p.currency(), p.lastOrderMillis(), p.lastCartAddMillis(), views,
                events.getOrDefault(EventType.ADD_TO_CART, 0L), purchases, events.getOrDefault(EventType.SEARCH, 0L),
                p.cart().size(), abandonment, visitMinutes, viewShare, p.categoryCounts(), top.isEmpty() ? null : top.get(0));
    }

    /** The id the API knows a profile's visitor by: the customer id, else the anonymous id of its key. */
    public static String visitorId(CustomerProfile p) {
        if (p.customerId() != null) {
            return p.customerId();
        }
        String key = p.visitorKey();
        if (key.startsWith(VisitorKey.ANONYMOUS_PREFIX) || key.startsWith(VisitorKey.CUSTOMER_PREFIX)) {
            return key.substring(2);
        }
        return key;
    }

    public boolean bought() {
        return orders > 0 && lastOrderMillis != null;
    }

    /** Product events of the visitor in the category, over all their product events with a category. */
    public double categoryShare(String category) {
        long total = 0;
        for (long n : categoryCounts.values()) {
            total += n;
        }
        return total == 0 ? 0.0 : categoryCounts.getOrDefault(category, 0L) / (double) total;
    }
}
