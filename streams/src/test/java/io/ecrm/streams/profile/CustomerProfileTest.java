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
        CustomerProfile profile = CustomerProfile.first(events[0], GAP, null);
        for (int i = 1; i < events.length; i++) {
            profile = profile.apply(events[i], GAP, null).profile();
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
        CustomerProfile profile = CustomerProfile.first(event("s", EventType.SEARCH, T, null, 1, null, "q0"), GAP, null);
        for (int i = 1; i <= 30; i++) {
            profile = profile.apply(event("v" + i, EventType.PRODUCT_VIEW, T + i, "item-" + i, 1, null, null), GAP,
                    "cat-" + (i % 25)).profile();
            profile = profile.apply(event("q" + i, EventType.SEARCH, T + i, null, 1, null, "q" + i), GAP, null).profile();
        }
        assertEquals(CustomerProfile.RECENT_ITEMS, profile.recentItems().size());
        assertEquals("item-30", profile.recentItems().get(0).itemId());
        assertEquals(CustomerProfile.RECENT_SEARCHES, profile.recentSearches().size());
        assertEquals("q30", profile.recentSearches().get(0));
        assertNull(profile.lastOrderMillis());
        assertEquals(CustomerProfile.CATEGORIES, profile.categoryCounts().size());
        for (int category = 1; category <= 4; category++) {
            assertEquals(2L, profile.categoryCounts().get("cat-" + category)); // seen twice (i and i + 25): kept
        }
    }

    @Test
    void aClosedVisitIsSummarisedIntoTheTotals() {
        CustomerProfile open = replay(
                event("1", EventType.PRODUCT_VIEW, T, "a", 1, null, null),
                event("2", EventType.ADD_TO_CART, T + 60_000, "a", 1, 10.0, null),
                event("3", EventType.PRODUCT_VIEW, T + 120_000, "b", 1, null, null));
        assertEquals(new Visit(T, T + 120_000, List.of("a", "b"),
                Map.of(EventType.PRODUCT_VIEW, 2L, EventType.ADD_TO_CART, 1L), true, false, 0.0), open.openVisit());
        CustomerProfile.Applied next = open.apply(event("4", EventType.PURCHASE, T + 120_000 + GAP + 1, "b", 2, 4.0, null),
                GAP, null);
        assertEquals(open.openVisit(), next.closedVisit());
        assertEquals(120_000, next.profile().closedVisitMillis());
        assertEquals(1, next.profile().visitsWithCart());
        assertEquals(0, next.profile().convertedVisits());
        assertEquals(2, next.profile().sessions());
        Visit second = next.profile().openVisit();
        assertEquals(true, second.converted());
        assertEquals(8.0, second.revenue(), 1e-9);
        assertEquals(T + 60_000, next.profile().lastCartAddMillis());

        CustomerProfile.Applied closed = next.profile().closeVisit();
        assertEquals(second, closed.closedVisit());
        assertNull(closed.profile().openVisit());
        assertEquals(1, closed.profile().convertedVisits());
    }

    @Test
    void anEventJustBeforeTheOpenVisitJoinsIt() {
        CustomerProfile profile = replay(event("1", EventType.PRODUCT_VIEW, T, "a", 1, null, null),
                event("0", EventType.PRODUCT_VIEW, T - GAP, "b", 1, null, null));
        assertEquals(T - GAP, profile.openVisit().startMillis());
        assertEquals(1, profile.sessions());
    }

    @Test
    void mergingAnAnonymousHistoryIntoTheCustomerAddsEverythingUp() {
        ClickEvent anon1 = new ClickEvent("a1", EventType.PRODUCT_VIEW, T, "anon-9", null, null, "x", 1, null, null, null,
                null, null, null);
        ClickEvent anon2 = new ClickEvent("a2", EventType.ADD_TO_CART, T + 1000, "anon-9", null, null, "x", 1, null, null,
                null, null, null, null);
        CustomerProfile anonymous = CustomerProfile.first(anon1, GAP, "phones").apply(anon2, GAP, "phones").profile();
        CustomerProfile customer = replay(
                event("c1", EventType.PURCHASE, T - 5 * GAP, "old", 1, 20.0, null),
                new ClickEvent("c2", EventType.LOGIN, T + 2000, "anon-9", "c1", null, null, 1, null, null, null, null, null,
                        null));
        CustomerProfile merged = customer.merge(anonymous, GAP);
        assertEquals("c1", merged.customerId());
        assertEquals(List.of("anon-9"), merged.anonymousIds());
        assertEquals(T - 5 * GAP, merged.firstSeenMillis());
        assertEquals(T + 2000, merged.lastSeenMillis());
        assertEquals(Map.of(EventType.PURCHASE, 1L, EventType.LOGIN, 1L, EventType.PRODUCT_VIEW, 1L,
                EventType.ADD_TO_CART, 1L), merged.eventsByType());
        assertEquals(List.of("x", "x", "old"), merged.recentItems().stream().map(CustomerProfile.ProfileItem::itemId).toList());
        assertEquals(Map.of("phones", 2L), merged.categoryCounts());
        assertEquals(Map.of("x", 1), merged.cart());
        assertEquals(1, merged.orders());
        assertEquals(20.0, merged.revenue(), 1e-9);
        assertEquals(2, merged.sessions());                  // the anonymous visit and the login are one visit
        assertEquals(new Visit(T, T + 2000, List.of("x"), Map.of(EventType.PRODUCT_VIEW, 1L, EventType.ADD_TO_CART, 1L,
                EventType.LOGIN, 1L), true, false, 0.0), merged.openVisit());
        assertEquals(1, merged.convertedVisits());           // the customer's earlier visit, closed

        CustomerProfile apart = customer.merge(anonymous.closeVisit().profile().apply(
                new ClickEvent("a3", EventType.PAGE_VIEW, T - 3 * GAP, "anon-9", null, null, null, 1, null, null, null,
                        null, null, null), GAP, null).profile().closeVisit().profile(), GAP);
        assertEquals(4, apart.sessions()); // 2 of the customer's, the anonymous visit and one before it
        assertEquals(1, apart.visitsWithCart());
        assertEquals(customer.openVisit(), apart.openVisit());
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
