package io.ecrm.streams.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.ecrm.schemas.EventType;
import io.ecrm.schemas.JsonForm;
import io.ecrm.streams.profile.CustomerProfile;
import io.ecrm.streams.profile.Visit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProfileFormTest {
    private static final CustomerProfile FULL = new CustomerProfile("c:ana", "ana", List.of("anon-2", "anon-1"),
            1_000L, 9_000L, 4, 3_600_000L, 2, 1,
            new Visit(8_000L, 9_000L, List.of("shoe-1", "sock-9"), Map.of(EventType.PRODUCT_VIEW, 3L, EventType.ADD_TO_CART, 1L),
                    true, false, 0.0),
            Map.of(EventType.PRODUCT_VIEW, 12L, EventType.PURCHASE, 2L, EventType.SEARCH, 1L),
            List.of(new CustomerProfile.ProfileItem("sock-9", EventType.ADD_TO_CART, 9_000L, "socks"),
                    new CustomerProfile.ProfileItem("shoe-1", EventType.PRODUCT_VIEW, 8_000L, null)),
            Map.of("shoes", 7L, "socks", 3L), 2, 149.5, "EUR", 5_000L, Map.of("sock-9", 2), 9_000L,
            List.of("running shoes", "größe 42 ✓"));

    private static CustomerProfile roundTrip(CustomerProfile profile) {
        byte[] bytes = StateSerdes.CUSTOMER_PROFILE.serializer().serialize("t", profile);
        return StateSerdes.CUSTOMER_PROFILE.deserializer().deserialize("t", bytes);
    }

    @Test
    void keepsEveryField() {
        assertEquals(FULL, roundTrip(FULL));
    }

    @Test
    void keepsAbsentFieldsAbsent() {
        CustomerProfile fresh = CustomerProfile.empty("a:v1", 42L);
        assertEquals(fresh, roundTrip(fresh));
        CustomerProfile noVisitNoCurrency = new CustomerProfile("a:v2", null, List.of(), 1L, 2L, 0, 0, 0, 0, null, Map.of(),
                List.of(), Map.of(), 0, 0.0, null, null, Map.of(), null, List.of());
        assertEquals(noVisitNoCurrency, roundTrip(noVisitNoCurrency));
    }

    @Test
    void isBinaryAndStillReadsProfilesStoredAsJson() {
        byte[] binary = StateSerdes.CUSTOMER_PROFILE.serializer().serialize("t", FULL);
        byte[] json = new JsonForm<>(CustomerProfile.class).toBytes(FULL);
        assertNotEquals('{', binary[0]);
        assertEquals('{', json[0]);
        assertEquals(FULL, StateSerdes.CUSTOMER_PROFILE.deserializer().deserialize("t", json));
    }
}
