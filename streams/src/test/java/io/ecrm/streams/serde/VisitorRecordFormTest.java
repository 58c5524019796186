package io.ecrm.streams.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ecrm.recommender.VisitorHistory;
import io.ecrm.schemas.ClickEvent;
import io.ecrm.schemas.EventType;
import io.ecrm.streams.VisitorRecord;
import io.ecrm.streams.cleaning.RecentEventIds;
import io.ecrm.streams.cleaning.VisitorActivity;
import io.ecrm.streams.earnings.RecommendationTrail;
import io.ecrm.streams.profile.CustomerProfile;
import java.util.List;
import org.junit.jupiter.api.Test;

class VisitorRecordFormTest {
    private static VisitorRecord roundTrip(VisitorRecord visitor) {
        return StateSerdes.VISITOR_RECORD.fromBytes(StateSerdes.VISITOR_RECORD.toBytes(visitor));
    }

    @Test
    void keepsEveryPart() {
        // a late event among the ids: times are kept as signed differences
        RecentEventIds ids = RecentEventIds.NONE.with("e1", 1_763_975_730_000L, 0, 10).with("e2", 1_763_975_790_000L, 0, 10)
                .with("late", 1_763_975_000_000L, 0, 10);
        VisitorHistory history = new VisitorHistory(List.of(new VisitorHistory.RecentItem("shoe", 1.0, 1_763_975_790_000L)),
                List.of("sock")).shown(List.of("hat", "scarf"), 1_763_975_700_000L).shown(List.of("hat"), 1_763_975_760_000L);
        RecommendationTrail trail = RecommendationTrail.NONE
                .observe(ClickEvent.impression("i1", 1_763_975_700_000L, "v1", "0201aaaabbbbcccc", "home", List.of("hat", "shoe"))).trail()
                .observe(ClickEvent.item("v", EventType.PRODUCT_VIEW, 1_763_975_790_000L, "v1", "shoe").fromRecommendation("0201aaaabbbbcccc"))
                .trail();
        assertEquals(new RecommendationTrail.Exposure(2, 1, 0.0, false), trail.exposure());
        VisitorRecord full = new VisitorRecord(new VisitorActivity(1_763_975_790L, 3, Long.MIN_VALUE), ids,
                CustomerProfile.empty("a:v1", 1_763_975_730_000L), history, trail);
        assertEquals(2, full.history().shown().items().size());
        assertEquals(1, full.trail().clicks().size());
        assertEquals(full, roundTrip(full));
    }

    @Test
    void readsTheFirstVersionWhichNestedEachPartsOwnBytes() throws Exception {
        VisitorHistory history = new VisitorHistory(List.of(new VisitorHistory.RecentItem("shoe", 1.0, 42L)), List.of());
        CustomerProfile profile = CustomerProfile.empty("a:v1", 40L);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        java.io.DataOutputStream out = new java.io.DataOutputStream(bytes);
        out.writeByte(1);
        out.writeLong(0);
        out.writeInt(1);
        out.writeLong(Long.MIN_VALUE);
        out.writeByte(0); // no event ids
        byte[] profileBytes = StateSerdes.CUSTOMER_PROFILE.serializer().serialize(null, profile);
        out.writeInt(profileBytes.length);
        out.write(profileBytes);
        byte[] historyBytes = StateSerdes.VISITOR_HISTORY.toBytes(history);
        out.writeInt(historyBytes.length);
        out.write(historyBytes);
        assertEquals(new VisitorRecord(new VisitorActivity(0, 1, Long.MIN_VALUE), RecentEventIds.NONE, profile, history, null),
                StateSerdes.VISITOR_RECORD.fromBytes(bytes.toByteArray()));
    }

    @Test
    void keepsAbsentPartsAbsent() {
        assertEquals(VisitorRecord.NONE, roundTrip(VisitorRecord.NONE));
        VisitorRecord moved = new VisitorRecord(new VisitorActivity(5, 1, 9), RecentEventIds.NONE.with("e", -3, -10, 1), null, null,
                null);
        assertEquals(moved, roundTrip(moved));
    }
}
