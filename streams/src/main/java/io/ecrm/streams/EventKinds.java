package io.ecrm.streams;

import io.ecrm.recommender.EventKind;
import io.ecrm.schemas.EventType;
import java.util.Optional;

/** Which clickstream event types the recommender learns from, and as what. */
public final class EventKinds {
    private EventKinds() {
    }

    public static Optional<EventKind> of(EventType type) {
        return switch (type) {
            case PRODUCT_VIEW -> Optional.of(EventKind.VIEW);
            case ADD_TO_CART -> Optional.of(EventKind.ADD_TO_CART);
            case REMOVE_FROM_CART -> Optional.of(EventKind.REMOVE_FROM_CART);
            case PURCHASE -> Optional.of(EventKind.PURCHASE);
            case PAGE_VIEW, SEARCH, LOGIN, IMPRESSION -> Optional.empty();
        };
    }
}
