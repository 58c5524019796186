package io.ecrm.streams.profile;

import io.ecrm.schemas.ClickEvent;
import io.ecrm.schemas.EventType;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the engine knows about one visitor, for the call-centre view and as the inputs of
 * RFM segments: when they came, how often, what they looked at, searched, put in the cart and
 * bought. Immutable; {@link #apply} returns the profile after one more event. Lists are bounded,
 * so a profile's size does not grow with the visitor's history.
 *
 * @param sessions     visits: a new one starts after {@code sessionGapMillis} without events
 * @param orders       checkouts: purchase events more than a minute apart count as separate orders
 * @param revenue      sum of price x quantity of purchases that carried a price
 * @param cart         item -> quantity added and not removed or bought since
 */
public record CustomerProfile(
        String visitorKey,
        long firstSeenMillis,
        long lastSeenMillis,
        long sessions,
        Map<EventType, Long> eventsByType,
        List<ProfileItem> recentItems,
        long orders,
        double revenue,
        String currency,
        Long lastOrderMillis,
        Map<String, Integer> cart,
        List<String> recentSearches) {

    public static final int RECENT_ITEMS = 20;
    public static final int RECENT_SEARCHES = 10;
    static final long ORDER_GAP_MILLIS = 60_000;

    /** One item the visitor touched, newest first in {@link #recentItems}. */
    public record ProfileItem(String itemId, EventType type, long timestampMillis) {
    }

    public CustomerProfile {
        eventsByType = Map.copyOf(eventsByType);
        recentItems = List.copyOf(recentItems);
        cart = Map.copyOf(cart);
        recentSearches = List.copyOf(recentSearches);
    }

    public static CustomerProfile first(ClickEvent event, long sessionGapMillis) {
        CustomerProfile empty = new CustomerProfile(event.visitorKey(), event.timestampMillis(), event.timestampMillis(),
                0, Map.of(), List.of(), 0, 0.0, null, null, Map.of(), List.of());
        return empty.apply(event, sessionGapMillis);
    }

    /** The profile after one event; an event older than the last one still counts, without moving the clock back. */
    public CustomerProfile apply(ClickEvent event, long sessionGapMillis) {
        long time = event.timestampMillis();
        boolean newSession = sessions == 0 || time - lastSeenMillis > sessionGapMillis;
        Map<EventType, Long> counts = new EnumMap<>(EventType.class);
        counts.putAll(eventsByType);
        counts.merge(event.type(), 1L, Long::sum);

        List<ProfileItem> items = recentItems;
        if (event.itemId() != null) {
            items = new ArrayList<>(Math.min(recentItems.size() + 1, RECENT_ITEMS));
            items.add(new ProfileItem(event.itemId(), event.type(), time));
            for (ProfileItem item : recentItems) {
                if (items.size() == RECENT_ITEMS) {
                    break;
                }
                items.add(item);
            }
        }
        Map<String, Integer> nextCart = cart;
        long nextOrders = orders;
        double nextRevenue = revenue;
        String nextCurrency = currency;
        Long nextLastOrder = lastOrderMillis;
        switch (event.type()) {
            case ADD_TO_CART -> {
                nextCart = new LinkedHashMap<>(cart);
                nextCart.merge(event.itemId(), event.quantity(), Integer::sum);
            }
            case REMOVE_FROM_CART -> {
                nextCart = new LinkedHashMap<>(cart);
                int left = nextCart.getOrDefault(event.itemId(), 0) - event.quantity();
                if (left > 0) {
                    nextCart.put(event.itemId(), left);
                } else {
                    nextCart.remove(event.itemId());
                }
            }
            case PURCHASE -> {
                nextCart = new LinkedHashMap<>(cart);
                nextCart.remove(event.itemId());
                if (lastOrderMillis == null || Math.abs(time - lastOrderMillis) > ORDER_GAP_MILLIS) {
                    nextOrders++;
                }
                nextLastOrder = lastOrderMillis == null ? time : Math.max(lastOrderMillis, time);
                if (event.price() != null) {
                    nextRevenue += event.price() * event.quantity();
                    nextCurrency = nextCurrency == null ? event.currency() : nextCurrency;
                }
            }
            default -> { }
        }
        List<String> searches = recentSearches;
        if (event.type() == EventType.SEARCH && event.query() != null) {
            searches = new ArrayList<>(Math.min(recentSearches.size() + 1, RECENT_SEARCHES));
            searches.add(event.query());
            for (String q : recentSearches) {
                if (searches.size() == RECENT_SEARCHES) {
                    break;
                }
                searches.add(q);
            }
        }
        return new CustomerProfile(visitorKey, Math.min(firstSeenMillis, time), Math.max(lastSeenMillis, time),
                sessions + (newSession ? 1 : 0), counts, items, nextOrders, nextRevenue, nextCurrency, nextLastOrder,
                nextCart, searches);
    }
}
