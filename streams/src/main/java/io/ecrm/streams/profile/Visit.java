package io.ecrm.streams.profile;

import io.ecrm.schemas.ClickEvent;
import io.ecrm.schemas.EventType;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One visit (session) of a visitor: events with no gap longer than the session gap between them,
 * in event time. The open visit lives in the visitor's profile; a closed one is written, as the
 * session summary, to the tenant's sessions topic.
 *
 * @param items        distinct items of the visit in the order first touched, at most {@link #MAX_ITEMS}
 * @param cartAdded    whether the visit added anything to the cart
 * @param converted    whether the visit bought anything
 * @param revenue      price x quantity of the visit's purchases that carried a price
 */
public record Visit(long startMillis, long endMillis, List<String> items, Map<EventType, Long> eventsByType,
                    boolean cartAdded, boolean converted, double revenue) {
    public static final int MAX_ITEMS = 50;

    public Visit {
        items = List.copyOf(items);
        eventsByType = Map.copyOf(eventsByType);
    }

    /** A visit opened by one event. */
    public static Visit of(ClickEvent event) {
        Visit empty = new Visit(event.timestampMillis(), event.timestampMillis(), List.of(), Map.of(), false, false, 0.0);
        return empty.with(event);
    }

    /** The visit with one more event; an event before the start moves the start back. */
    public Visit with(ClickEvent event) {
        long time = event.timestampMillis();
        List<String> nextItems = items;
        if (event.itemId() != null && items.size() < MAX_ITEMS && !items.contains(event.itemId())) {
            nextItems = new ArrayList<>(items);
            nextItems.add(event.itemId());
        }
        Map<EventType, Long> counts = new EnumMap<>(EventType.class);
        counts.putAll(eventsByType);
        counts.merge(event.type(), 1L, Long::sum);
        boolean purchase = event.type() == EventType.PURCHASE;
        double eventRevenue = purchase && event.price() != null ? event.price() * event.quantity() : 0.0;
        return new Visit(Math.min(startMillis, time), Math.max(endMillis, time), nextItems, counts,
                cartAdded || event.type() == EventType.ADD_TO_CART, converted || purchase, revenue + eventRevenue);
    }

    /** One visit out of two that turned out to be the same person's same visit. */
    public Visit merge(Visit other) {
        List<String> mergedItems = new ArrayList<>(startMillis <= other.startMillis ? items : other.items);
        for (String item : startMillis <= other.startMillis ? other.items : items) {
            if (mergedItems.size() < MAX_ITEMS && !mergedItems.contains(item)) {
                mergedItems.add(item);
            }
        }
        Map<EventType, Long> counts = new EnumMap<>(EventType.class);
        counts.putAll(eventsByType);
        other.eventsByType.forEach((type, n) -> counts.merge(type, n, Long::sum));
        return new Visit(Math.min(startMillis, other.startMillis), Math.max(endMillis, other.endMillis), mergedItems, counts,
                cartAdded || other.cartAdded, converted || other.converted, revenue + other.revenue);
    }

    /** Whether two visits are no more than the gap apart, so one visitor's events in them form one visit. */
    public boolean overlaps(Visit other, long gapMillis) {
        return other.startMillis <= endMillis + gapMillis && startMillis <= other.endMillis + gapMillis;
    }

    /** Whether an event at {@code timeMillis} belongs to this visit: no more than the gap before its start or after its end. */
    public boolean takes(long timeMillis, long gapMillis) {
        return timeMillis >= startMillis - gapMillis && timeMillis <= endMillis + gapMillis;
    }

    public long durationMillis() {
        return endMillis - startMillis;
    }
}
