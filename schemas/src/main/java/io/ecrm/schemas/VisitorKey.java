package io.ecrm.schemas;

/** Builds the per-visitor partition key: {@code c:<customerId>} when known, else {@code a:<anonymousId>}. */
public final class VisitorKey {
    public static final String CUSTOMER_PREFIX = "c:";
    public static final String ANONYMOUS_PREFIX = "a:";

    private VisitorKey() {
    }

    public static String of(String customerId, String anonymousId) {
        return customerId != null ? customer(customerId) : anonymous(anonymousId);
    }

    public static String customer(String customerId) {
        return CUSTOMER_PREFIX + customerId;
    }

    public static String anonymous(String anonymousId) {
        return ANONYMOUS_PREFIX + anonymousId;
    }

    /** The customer or anonymous id inside a visitor key. */
    public static String idOf(String visitorKey) {
        return visitorKey.substring(2);
    }

    public static boolean isCustomer(String visitorKey) {
        return visitorKey.startsWith(CUSTOMER_PREFIX);
    }
}
