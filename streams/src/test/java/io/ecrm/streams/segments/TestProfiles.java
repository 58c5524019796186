package io.ecrm.streams.segments;

import io.ecrm.schemas.EventType;
import io.ecrm.streams.profile.CustomerProfile;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Hand-made profiles for segment tests: set only what a test is about. */
public final class TestProfiles {
    public static final long DAY = ProfileFacts.DAY_MILLIS;
    /** The tenant's clock in these tests. */
    public static final long NOW = 1_763_975_730_000L;

    private TestProfiles() {
    }

    public static Builder customer(String id) {
        return new Builder("c:" + id, id);
    }

    public static Builder anonymous(String id) {
        return new Builder("a:" + id, null);
    }

    public static ProfileSource source(List<CustomerProfile> profiles) {
        return new ProfileSource() {
            @Override
            public void forEach(Consumer<CustomerProfile> action) {
                profiles.forEach(action);
            }

            @Override
            public long approximateCount() {
                return profiles.size();
            }
        };
    }

    public static final class Builder {
        private final String key;
        private final String customerId;
        private long firstSeen = NOW - 30 * DAY;
        private long lastSeen = NOW;
        private long sessions = 1;
        private long closedVisitMillis;
        private long visitsWithCart;
        private long convertedVisits;
        private final Map<EventType, Long> events = new EnumMap<>(EventType.class);
        private final List<CustomerProfile.ProfileItem> items = new ArrayList<>();
        private final Map<String, Long> categories = new HashMap<>();
        private long orders;
        private double revenue;
        private Long lastOrder;
        private final Map<String, Integer> cart = new LinkedHashMap<>();
        private Long lastCartAdd;

        private Builder(String key, String customerId) {
            this.key = key;
            this.customerId = customerId;
        }

        public Builder seen(long first, long last) {
            firstSeen = first;
            lastSeen = last;
            return this;
        }

        public Builder visits(long count, long closedMillis, long withCart, long converted) {
            sessions = count;
            closedVisitMillis = closedMillis;
            visitsWithCart = withCart;
            convertedVisits = converted;
            return this;
        }

        public Builder events(EventType type, long count) {
            events.put(type, count);
            return this;
        }

        public Builder category(String category, long count) {
            categories.put(category, count);
            return this;
        }

        public Builder orders(long count, double money, long lastOrderMillis) {
            orders = count;
            revenue = money;
            lastOrder = lastOrderMillis;
            return this;
        }

        /** A recent item event; add newest first, as the profile keeps them. */
        public Builder item(String item, EventType type, long time, String category) {
            items.add(new CustomerProfile.ProfileItem(item, type, time, category));
            return this;
        }

        public Builder cart(String item, int quantity, long addedMillis) {
            cart.put(item, quantity);
            lastCartAdd = lastCartAdd == null ? addedMillis : Math.max(lastCartAdd, addedMillis);
            return this;
        }

        public CustomerProfile build() {
            return new CustomerProfile(key, customerId, List.of(), firstSeen, lastSeen, sessions, closedVisitMillis,
                    visitsWithCart, convertedVisits, null, events, items, categories, orders, revenue,
                    orders > 0 ? "EUR" : null, lastOrder, cart, lastCartAdd, List.of());
        }
    }
}
