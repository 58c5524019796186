package io.ecrm.streams.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.ecrm.schemas.ClickEvent;
import io.ecrm.schemas.EventType;
import io.ecrm.streams.serde.StateSerdes;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CustomerProfileTest {
    private static final long GAP = 30 * 60_000L;
    private static final long T = 1_763_975_730_000L;

    private static ClickEvent event(String id, EventType type, long time, String item, int quantity, Double price, String query) {
        return new ClickEvent(id, type, time, null, "c1", null, item, quantity, price, price == null ? null : "EUR", null,
                null, null, query);
    }

    private static CustomerProfile replay(ClickEvent... events) {
        CustomerProfile profile = CustomerProfile.first(events[0], GAP);
        for (int i = 1; i < events.length; i++) {
            profile = profile.apply(events[i], GAP);
        }
        return profile;
    }

    @Test
    void countsSessionsByTheInactivityGap() {
        CustomerProfile profile = replay(
                event("1", EventType.PAGE_VIEW, T, null, 1, null, null),
                event("2", EventType.PAGE_VIEW, T + GAP, null, 1, null, null),          // exactly the gap: same visit
                event("3", EventType.PAGE_VIEW, T + 2 * GAP + 1, null, 1, null, null)); // one ms more: a new visit
        assertEquals(2, profile.sessions());
        assertEquals(T, profile.firstSeenMillis());
        assertEquals(T + 2 * GAP + 1, profile.lastSeenMillis());
        assertEquals(Map.of(EventType.PAGE_VIEW, 3L), profile.eventsByType());
    }

    @Test
    void tracksTheCartOrdersAndRevenue() {
        CustomerProfile profile = replay(
                event("1", EventType.ADD_TO_CART, T, "a", 2, 10.0, null),
                event("2", EventType.ADD_TO_CART, T + 1000, "b", 1, 5.0, null),
                event("3", EventType.REMOVE_FROM_CART, T + 2000, "a", 1, null, null),
                event("4", EventType.PURCHASE, T + 3000, "a", 1, 10.0, null),
                event("5", EventType.PURCHASE, T + 4000, "c", 3, 2.5, null),           // same checkout
                event("6", EventType.PURCHASE, T + 10 * 60_000, "d", 1, 100.0, null)); // a later order
        assertEquals(Map.of("b", 1), profile.cart());
        assertEquals(2, profile.orders());
        assertEquals(10.0 + 7.5 + 100.0, profile.revenue(), 1e-9);
        assertEquals("EUR", profile.currency());
        assertEquals(T + 10 * 60_000, profile.lastOrderMillis());
        assertEquals(List.of("d", "c", "a", "a", "b", "a"),
                profile.recentItems().stream().map(CustomerProfile.ProfileItem::itemId).toList());
    }

    @Test
    void keepsBoundedRecentItemsAndSearches() {
        CustomerProfile profile = CustomerProfile.first(event("s", EventType.SEARCH, T, null, 1, null, "q0"), GAP);
        for (int i = 1; i <= 30; i++) {
            profile = profile.apply(event("v" + i, EventType.PRODUCT_VIEW, T + i, "item-" + i, 1, null, null), GAP);
            profile = profile.apply(event("q" + i, EventType.SEARCH, T + i, null, 1, null, "q" + i), GAP);
        }
        assertEquals(CustomerProfile.RECENT_ITEMS, profile.recentItems().size());
        assertEquals("item-30", profile.recentItems().get(0).itemId());
        assertEquals(CustomerProfile.RECENT_SEARCHES, profile.recentSearches().size());
        assertEquals("q30", profile.recentSearches().get(0));
        assertNull(profile.lastOrderMillis());
    }

    @Test
    void aLateEventCountsWithoutMovingTheClockBack() {
        CustomerProfile profile = replay(event("1", EventType.PRODUCT_VIEW, T, "a", 1, null, null),
                event("0", EventType.PRODUCT_VIEW, T - 5000, "b", 1, null, null));
        assertEquals(T - 5000, profile.firstSeenMillis());
        assertEquals(T, profile.lastSeenMillis());
        assertEquals(1, profile.sessions());
    }

    @Test
    void survivesItsStorageFormat() {
        CustomerProfile profile = replay(event("1", EventType.ADD_TO_CART, T, "a", 2, 10.0, null),
                event("2", EventType.SEARCH, T + 1, null, 1, null, "shoes"), event("3", EventType.PURCHASE, T + 2, "a", 1, 9.5, null));
        byte[] bytes = StateSerdes.CUSTOMER_PROFILE.serializer().serialize("t", profile);
        assertEquals(profile, StateSerdes.CUSTOMER_PROFILE.deserializer().deserialize("t", bytes));
    }
}
