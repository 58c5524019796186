package io.ecrm.streams.profile;

import io.ecrm.schemas.EventType;
import java.util.List;
import java.util.Map;

/**
 * A closed visit as written to the tenant's sessions topic (JSON, keyed by visitor): when it
 * started and ended, the items touched in order, the events by type, whether it converted and
 * its revenue.
 */
public record SessionSummary(String visitorKey, String customerId, long startMillis, long endMillis, List<String> items,
                             Map<EventType, Long> eventsByType, boolean cartAdded, boolean converted, double revenue) {

    public static SessionSummary of(CustomerProfile profile, Visit visit) {
        return new SessionSummary(profile.visitorKey(), profile.customerId(), visit.startMillis(), visit.endMillis(),
                visit.items(), visit.eventsByType(), visit.cartAdded(), visit.converted(), visit.revenue());
    }
}
