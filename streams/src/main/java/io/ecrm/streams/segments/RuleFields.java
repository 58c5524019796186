package io.ecrm.streams.segments;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;

/** The profile fields a rule can test, by the names used in rule JSON. */
public final class RuleFields {
    private RuleFields() {
    }

    /** Numeric fields; the {@code daysSince...} ones are whole and fractional days before the tenant's clock. */
    public enum Number {
        ORDERS("orders"), REVENUE("revenue"), SESSIONS("sessions"), PRODUCT_VIEWS("productViews"),
        CART_ADDS("cartAdds"), PURCHASES("purchases"), SEARCHES("searches"), CART_ITEMS("cartItems"),
        CART_ABANDONMENT_RATE("cartAbandonmentRate"), AVERAGE_VISIT_MINUTES("averageVisitMinutes"),
        DAYS_SINCE_LAST_SEEN("daysSinceLastSeen"), DAYS_SINCE_FIRST_SEEN("daysSinceFirstSeen"),
        DAYS_SINCE_LAST_ORDER("daysSinceLastOrder");

        final String wireName;

        Number(String wireName) {
            this.wireName = wireName;
        }

        /** The value, or null when the visitor has none (days since the last order of one who never bought). */
        Double of(ProfileFacts f, long asOf) {
            return switch (this) {
                case ORDERS -> (double) f.orders();
                case REVENUE -> f.revenue();
                case SESSIONS -> (double) f.sessions();
                case PRODUCT_VIEWS -> (double) f.productViews();
                case CART_ADDS -> (double) f.cartAdds();
                case PURCHASES -> (double) f.purchases();
                case SEARCHES -> (double) f.searches();
                case CART_ITEMS -> (double) f.cartItems();
                case CART_ABANDONMENT_RATE -> f.cartAbandonmentRate();
                case AVERAGE_VISIT_MINUTES -> f.averageVisitMinutes();
                case DAYS_SINCE_LAST_SEEN -> days(asOf, f.lastSeenMillis());
                case DAYS_SINCE_FIRST_SEEN -> days(asOf, f.firstSeenMillis());
                case DAYS_SINCE_LAST_ORDER -> f.lastOrderMillis() == null ? null : days(asOf, f.lastOrderMillis());
            };
        }

        private static double days(long asOf, long time) {
            return (asOf - time) / (double) ProfileFacts.DAY_MILLIS;
        }
    }

    /** Text fields, compared with {@code ==} or {@code !=}. */
    public enum Text {
        TOP_CATEGORY("topCategory", ProfileFacts::topCategory), CURRENCY("currency", ProfileFacts::currency),
        CUSTOMER_ID("customerId", ProfileFacts::customerId);

        final String wireName;
        private final Function<ProfileFacts, String> getter;

        Text(String wireName, Function<ProfileFacts, String> getter) {
            this.wireName = wireName;
            this.getter = getter;
        }

        String of(ProfileFacts f) {
            return getter.apply(f);
        }
    }

    /** Times, tested with {@code within} or used as an event count's {@code since}. */
    public enum Time {
        LAST_SEEN("lastSeen", ProfileFacts::lastSeenMillis), FIRST_SEEN("firstSeen", ProfileFacts::firstSeenMillis),
        LAST_ORDER("lastOrder", ProfileFacts::lastOrderMillis), LAST_CART_ADD("lastCartAdd", ProfileFacts::lastCartAddMillis);

        final String wireName;
        private final Function<ProfileFacts, Long> getter;

        Time(String wireName, Function<ProfileFacts, Long> getter) {
            this.wireName = wireName;
            this.getter = getter;
        }

        Long of(ProfileFacts f) {
            return getter.apply(f);
        }
    }

    static <E extends Enum<E>> Optional<E> named(Class<E> type, String name, Function<E, String> wireName) {
        return Arrays.stream(type.getEnumConstants()).filter(e -> wireName.apply(e).equals(name)).findFirst();
    }

    static <E extends Enum<E>> String list(Class<E> type, Function<E, String> wireName) {
        return String.join(", ", Arrays.stream(type.getEnumConstants()).map(wireName).toList());
    }
}
