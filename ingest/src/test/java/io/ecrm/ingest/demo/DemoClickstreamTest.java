package io.ecrm.ingest.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecrm.schemas.ClickEvent;
import io.ecrm.schemas.EventType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DemoClickstreamTest {
    private static final Instant START = Instant.parse("2026-01-05T00:00:00Z");
    private final List<ClickEvent> events = DemoClickstream.generate(400, 42, START);

    @Test
    void isTheSameOnEveryRun() {
        assertEquals(events, DemoClickstream.generate(400, 42, START));
    }

    @Test
    void spansItsDaysAndCustomersComeBackLoggedInAndBuyAtCataloguePrices() {
        assertTrue(events.get(0).timestampMillis() >= START.toEpochMilli());
        assertTrue(events.get(events.size() - 1).timestampMillis() < START.plus(DemoClickstream.DAYS, ChronoUnit.DAYS).toEpochMilli());
        Map<String, Double> prices = new HashMap<>();
        DemoClickstream.catalog().forEach(item -> prices.put(item.itemId(), item.price()));
        Map<String, Set<Long>> daysByCustomer = new HashMap<>();
        for (ClickEvent e : events) {
            if (e.customerId() != null) {
                assertTrue(e.anonymousId() != null, "a logged-in visitor keeps their cookie");
                daysByCustomer.computeIfAbsent(e.customerId(), c -> new HashSet<>()).add(e.timestampMillis() / 86_400_000L);
            }
            if (e.type() == EventType.PURCHASE) {
                assertEquals(prices.get(e.itemId()), e.price());
                assertEquals("EUR", e.currency());
            }
        }
        assertTrue(daysByCustomer.size() >= 50, "customers: " + daysByCustomer.size());
        assertTrue(daysByCustomer.values().stream().filter(days -> days.size() > 1).count() >= 20, "returning customers");
        assertTrue(events.stream().anyMatch(e -> e.type() == EventType.LOGIN));
        assertTrue(DemoClickstream.catalog().stream().anyMatch(item -> !item.available()), "some items are sold out");
    }

    @Test
    void hasAFewThousandEventsInTimeOrderWithUniqueIds() {
        assertTrue(events.size() > 2000 && events.size() < 6000, "events: " + events.size());
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < events.size(); i++) {
            assertTrue(ids.add(events.get(i).eventId()));
            assertTrue(i == 0 || events.get(i - 1).timestampMillis() <= events.get(i).timestampMillis());
        }
        assertTrue(events.stream().anyMatch(e -> e.type() == EventType.PURCHASE));
    }

    @Test
    void visitorsWhoViewAPhoneOftenViewItsMatchingCase() {
        Map<String, Set<String>> byVisitor = new HashMap<>(); // by visit: a visitor's events with no 30-minute gap
        Map<String, Long> lastSeen = new HashMap<>();
        Map<String, Integer> visit = new HashMap<>();
        for (ClickEvent e : events) {
            Long last = lastSeen.put(e.anonymousId(), e.timestampMillis());
            int n = visit.merge(e.anonymousId(), last == null || e.timestampMillis() - last > 30 * 60_000 ? 1 : 0, Integer::sum);
            byVisitor.computeIfAbsent(e.anonymousId() + "/" + n, v -> new HashSet<>()).add(e.itemId());
        }
        long phoneVisitors = byVisitor.values().stream().filter(s -> s.contains("phone-00")).count();
        long withCase = byVisitor.values().stream().filter(s -> s.contains("phone-00") && s.contains("case-00")).count();
        long caseVisits = byVisitor.values().stream().filter(s -> s.contains("case-00")).count();
        assertTrue(phoneVisitors >= 10, "phone-00 is a best seller: " + phoneVisitors);
        // a visit that shows phone-00 shows case-00 far more often than visits in general do
        double givenPhone = withCase / (double) phoneVisitors;
        double overall = caseVisits / (double) byVisitor.size();
        assertTrue(givenPhone > 3 * overall, givenPhone + " vs " + overall);
    }
}
