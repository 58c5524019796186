package io.ecrm.ingest.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecrm.schemas.ClickEvent;
import io.ecrm.schemas.EventType;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DemoClickstreamTest {
    private final List<ClickEvent> events = DemoClickstream.generate(400, 42);

    @Test
    void isTheSameOnEveryRun() {
        assertEquals(events, DemoClickstream.generate(400, 42));
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
        Map<String, Set<String>> byVisitor = new HashMap<>();
        events.forEach(e -> byVisitor.computeIfAbsent(e.anonymousId(), v -> new HashSet<>()).add(e.itemId()));
        long phoneVisitors = byVisitor.values().stream().filter(s -> s.contains("phone-00")).count();
        long withCase = byVisitor.values().stream().filter(s -> s.contains("phone-00") && s.contains("case-00")).count();
        assertTrue(phoneVisitors >= 10, "phone-00 is a best seller: " + phoneVisitors);
        assertTrue(withCase * 3 >= phoneVisitors, withCase + " of " + phoneVisitors);
    }
}
