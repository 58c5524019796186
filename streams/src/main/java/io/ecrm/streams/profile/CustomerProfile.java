package io.ecrm.streams.profile;

import io.ecrm.schemas.ClickEvent;
import io.ecrm.schemas.EventType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the engine knows about one visitor, for the call-centre view and as the inputs of
 * segments: who they are (the customer and the anonymous ids linked to it), when they came and
 * for how long, what they looked at and in which categories, searched, put in the cart and
 * bought. Immutable; {@link #apply} returns the profile after one more event. Every list and map
 * is bounded, so a profile's size does not grow with the visitor's history.
 *
 * @param customerId         the customer, once known (a login or purchase named them); else null
 * @param anonymousIds       anonymous ids linked to the customer, newest first, at most {@link #LINKED_IDS}
 * @param sessions           visits: a new one starts after the session gap without events; the open one included
 * @param closedVisitMillis  total duration of the closed visits
 * @param visitsWithCart     closed visits that added to the cart
 * @param convertedVisits    closed visits that bought
 * @param openVisit          the current visit (null only before the first event)
 * @param categoryCounts     product events per catalogue category, the {@link #CATEGORIES} largest
 * @param orders             checkouts: purchase events more than a minute apart count as separate orders
 * @param revenue            sum of price x quantity of purchases that carried a price
 * @param cart               item -> quantity added and not removed or bought since
 * @param lastCartAddMillis  time of the last add-to-cart, for abandonment rules; null if none
 */
public record CustomerProfile(
        String visitorKey,
        String customerId,
        List<String> anonymousIds,
        long firstSeenMillis,
        long lastSeenMillis,
        long sessions,
        long closedVisitMillis,
        long visitsWithCart,
        long convertedVisits,
        Visit openVisit,
        Map<EventType, Long> eventsByType,
        List<ProfileItem> recentItems,
        Map<String, Long> categoryCounts,
        long orders,
        double revenue,
        String currency,
        Long lastOrderMillis,
        Map<String, Integer> cart,
        Long lastCartAddMillis,
        List<String> recentSearches) {

    public static final int RECENT_ITEMS = 20;
    public static final int RECENT_SEARCHES = 10;
    public static final int CATEGORIES = 20;
    public static final int LINKED_IDS = 10;
    static final long ORDER_GAP_MILLIS = 60_000;

    /** One item the visitor touched, newest first in {@link #recentItems}; category null when the catalogue has none. */
    public record ProfileItem(String itemId, EventType type, long timestampMillis, String category) {
    }

    /** A profile after an event, and the visit the event closed (null when it closed none). */
    public record Applied(CustomerProfile profile, Visit closedVisit) {
    }

    public CustomerProfile {
        anonymousIds = anonymousIds == null ? List.of() : List.copyOf(anonymousIds);
        eventsByType = eventsByType == null ? Map.of() : Map.copyOf(eventsByType);
        recentItems = recentItems == null ? List.of() : List.copyOf(recentItems);
        categoryCounts = categoryCounts == null ? Map.of() : Map.copyOf(categoryCounts);
        cart = cart == null ? Map.of() : Map.copyOf(cart);
        recentSearches = recentSearches == null ? List.of() : List.copyOf(recentSearches);
    }

    /** The profile of a visitor whose first event this is. */
    public static CustomerProfile first(ClickEvent event, long sessionGapMillis, String category) {
        return empty(event.visitorKey(), event.timestampMillis()).apply(event, sessionGapMillis, category).profile();
    }

    /** A profile with no event yet, for {@code visitorKey}. */
    public static CustomerProfile empty(String visitorKey, long timeMillis) {
        return new CustomerProfile(visitorKey, null, List.of(), timeMillis, timeMillis, 0, 0, 0, 0, null, Map.of(), List.of(),
                Map.of(), 0, 0.0, null, null, Map.of(), null, List.of());
    }

    /**
     * The profile after one event. An event within the session gap of the open visit (before or
     * after it) joins it; a later one closes it and opens the next; an earlier one (late data of a
     * visit already closed) counts everywhere but in the visits, without moving the clock back.
     *
     * @param category the item's catalogue category, or null
     */
    public Applied apply(ClickEvent event, long sessionGapMillis, String category) {
        long time = event.timestampMillis();
        Visit visit = openVisit;
        Visit closed = null;
        long nextSessions = sessions;
        long nextClosedMillis = closedVisitMillis;
        long nextWithCart = visitsWithCart;
        long nextConverted = convertedVisits;
        if (visit == null) {
            visit = Visit.of(event);
            nextSessions++;
        } else if (visit.takes(time, sessionGapMillis)) {
            visit = visit.with(event);
        } else if (time > visit.endMillis()) {
            closed = visit;
            nextClosedMillis += closed.durationMillis();
            nextWithCart += closed.cartAdded() ? 1 : 0;
            nextConverted += closed.converted() ? 1 : 0;
            visit = Visit.of(event);
            nextSessions++;
        } else if (time < firstSeenMillis - sessionGapMillis) {
            nextSessions++; // a visit before any we saw, arriving late: counted, never summarised
        }

        Map<EventType, Long> counts = new EnumMap<>(EventType.class);
        counts.putAll(eventsByType);
        counts.merge(event.type(), 1L, Long::sum);

        List<ProfileItem> items = recentItems;
        Map<String, Long> categories = categoryCounts;
        if (event.itemId() != null) {
            items = prepend(recentItems, new ProfileItem(event.itemId(), event.type(), time, category), RECENT_ITEMS);
            if (category != null) {
                categories = addCategory(categoryCounts, category, 1L);
            }
        }
        Map<String, Integer> nextCart = cart;
        long nextOrders = orders;
        double nextRevenue = revenue;
        String nextCurrency = currency;
        Long nextLastOrder = lastOrderMillis;
        Long nextCartAdd = lastCartAddMillis;
        switch (event.type()) {
            case ADD_TO_CART -> {
                nextCart = new LinkedHashMap<>(cart);
                nextCart.merge(event.itemId(), event.quantity(), Integer::sum);
                nextCartAdd = lastCartAddMillis == null ? time : Math.max(lastCartAddMillis, time);
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
            searches = prepend(recentSearches, event.query(), RECENT_SEARCHES);
        }
        String nextCustomer = customerId == null ? event.customerId() : customerId;
        List<String> linked = anonymousIds;
        if (nextCustomer != null && event.anonymousId() != null && !anonymousIds.contains(event.anonymousId())) {
            linked = prepend(anonymousIds, event.anonymousId(), LINKED_IDS);
        }
        CustomerProfile next = new CustomerProfile(visitorKey, nextCustomer, linked, Math.min(firstSeenMillis, time),
                Math.max(lastSeenMillis, time), nextSessions, nextClosedMillis, nextWithCart, nextConverted, visit, counts,
                items, categories, nextOrders, nextRevenue, nextCurrency, nextLastOrder, nextCart, nextCartAdd, searches);
        return new Applied(next, closed);
    }

    /** The profile with its open visit closed (the visitor has been away longer than the gap), and that visit. */
    public Applied closeVisit() {
        if (openVisit == null) {
            return new Applied(this, null);
        }
        Visit closed = openVisit;
        CustomerProfile next = new CustomerProfile(visitorKey, customerId, anonymousIds, firstSeenMillis, lastSeenMillis,
                sessions, closedVisitMillis + closed.durationMillis(), visitsWithCart + (closed.cartAdded() ? 1 : 0),
                convertedVisits + (closed.converted() ? 1 : 0), null, eventsByType, recentItems, categoryCounts, orders,
                revenue, currency, lastOrderMillis, cart, lastCartAddMillis, recentSearches);
        return new Applied(next, closed);
    }

    /**
     * This profile with another one of the same person folded in (an anonymous history joining the
     * customer it turned out to be): counts and totals add up, lists interleave by time, the
     * bounds still hold. Open visits no more than the gap apart become one visit (a login in the
     * middle of a visit); otherwise the earlier one is closed into the totals.
     */
    public CustomerProfile merge(CustomerProfile other, long sessionGapMillis) {
        Visit open;
        long mergedSessions = sessions + other.sessions;
        CustomerProfile a = this;
        CustomerProfile b = other;
        if (openVisit != null && other.openVisit != null && openVisit.overlaps(other.openVisit, sessionGapMillis)) {
            open = openVisit.merge(other.openVisit);
            mergedSessions--;
        } else {
            boolean otherIsLater = openVisit == null
                    || other.openVisit != null && other.openVisit.endMillis() > openVisit.endMillis();
            open = otherIsLater ? other.openVisit : openVisit;
            a = otherIsLater ? closeVisit().profile() : this;
            b = otherIsLater ? other : other.closeVisit().profile();
        }
        Map<EventType, Long> counts = new EnumMap<>(EventType.class);
        counts.putAll(eventsByType);
        other.eventsByType.forEach((type, n) -> counts.merge(type, n, Long::sum));
        Map<String, Long> categories = categoryCounts;
        for (Map.Entry<String, Long> e : other.categoryCounts.entrySet()) {
            categories = addCategory(categories, e.getKey(), e.getValue());
        }
        List<ProfileItem> items = new ArrayList<>(recentItems);
        items.addAll(other.recentItems);
        items.sort(Comparator.comparingLong(ProfileItem::timestampMillis).reversed());
        Map<String, Integer> mergedCart = new LinkedHashMap<>(other.cart);
        cart.forEach((item, quantity) -> mergedCart.merge(item, quantity, Integer::sum));
        boolean otherSearchedLast = other.lastSeenMillis > lastSeenMillis;
        List<String> searches = new ArrayList<>(otherSearchedLast ? other.recentSearches : recentSearches);
        for (String q : otherSearchedLast ? recentSearches : other.recentSearches) {
            if (searches.size() < RECENT_SEARCHES) {
                searches.add(q);
            }
        }
        List<String> linked = new ArrayList<>(anonymousIds);
        for (String id : other.anonymousIds) {
            if (!linked.contains(id)) {
                linked.add(id);
            }
        }
        boolean sameOrder = lastOrderMillis != null && other.lastOrderMillis != null
                && Math.abs(lastOrderMillis - other.lastOrderMillis) <= ORDER_GAP_MILLIS;
        return new CustomerProfile(visitorKey, customerId != null ? customerId : other.customerId,
                linked.subList(0, Math.min(LINKED_IDS, linked.size())),
                Math.min(firstSeenMillis, other.firstSeenMillis), Math.max(lastSeenMillis, other.lastSeenMillis),
                mergedSessions, a.closedVisitMillis + b.closedVisitMillis, a.visitsWithCart + b.visitsWithCart,
                a.convertedVisits + b.convertedVisits, open, counts, items.subList(0, Math.min(RECENT_ITEMS, items.size())),
                categories, orders + other.orders - (sameOrder ? 1 : 0), revenue + other.revenue,
                currency != null ? currency : other.currency, max(lastOrderMillis, other.lastOrderMillis), mergedCart,
                max(lastCartAddMillis, other.lastCartAddMillis), searches);
    }

    /** This profile under another visitor key and customer id (an anonymous profile becoming its customer's). */
    public CustomerProfile rekeyed(String newVisitorKey, String newCustomerId) {
        return new CustomerProfile(newVisitorKey, newCustomerId, anonymousIds, firstSeenMillis, lastSeenMillis, sessions,
                closedVisitMillis, visitsWithCart, convertedVisits, openVisit, eventsByType, recentItems, categoryCounts,
                orders, revenue, currency, lastOrderMillis, cart, lastCartAddMillis, recentSearches);
    }

    /** The visitor's favourite categories, most events first. */
    public List<String> topCategories() {
        return categoryCounts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey).toList();
    }

    private static Long max(Long a, Long b) {
        return a == null ? b : b == null ? a : Long.valueOf(Math.max(a, b));
    }

    private static <T> List<T> prepend(List<T> list, T first, int max) {
        List<T> next = new ArrayList<>(Math.min(list.size() + 1, max));
        next.add(first);
        for (T item : list) {
            if (next.size() == max) {
                break;
            }
            next.add(item);
        }
        return next;
    }

    /** Adds to a category's count; past {@link #CATEGORIES} categories the smallest (then last by name) goes. */
    private static Map<String, Long> addCategory(Map<String, Long> counts, String category, long amount) {
        Map<String, Long> next = new HashMap<>(counts);
        next.merge(category, amount, Long::sum);
        if (next.size() > CATEGORIES) {
            String smallest = next.entrySet().stream()
                    .min(Map.Entry.<String, Long>comparingByValue().thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
                    .orElseThrow().getKey();
            next.remove(smallest);
        }
        return next;
    }
}
