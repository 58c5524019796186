package io.ecrm.streams.segments;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The profile features behaviour clusters are fitted on, before standardising: days since last
 * seen, orders and revenue (the RFM inputs; counts and money as log(1 + x), their long tails
 * would otherwise decide every cluster), cart abandonment rate, visit length in minutes (log(1 + x)),
 * the share of views in views plus purchases, and the share of the visitor's product events in
 * each of the tenant's most viewed categories.
 */
public final class BehaviourFeatures {
    public static final int DAYS_SINCE_LAST_SEEN = 0;
    public static final int ORDERS = 1;
    public static final int REVENUE = 2;
    public static final int CART_ABANDONMENT = 3;
    public static final int VISIT_MINUTES = 4;
    public static final int VIEW_SHARE = 5;
    /** Index of the first category share. */
    public static final int FIRST_CATEGORY = 6;
    private static final List<String> FIXED = List.of("daysSinceLastSeen", "orders", "revenue", "cartAbandonmentRate",
            "visitMinutes", "viewShare");

    private final List<String> categories;

    public BehaviourFeatures(List<String> categories) {
        this.categories = List.copyOf(categories);
    }

    /** Features over the {@code count} categories with the most product events in the tenant (ties by name). */
    public static BehaviourFeatures forCategories(Map<String, Long> tenantCategoryCounts, int count) {
        List<Map.Entry<String, Long>> entries = new ArrayList<>(tenantCategoryCounts.entrySet());
        entries.sort(Map.Entry.<String, Long>comparingByValue(Collections.reverseOrder()).thenComparing(Map.Entry.comparingByKey()));
        return new BehaviourFeatures(entries.stream().limit(count).map(Map.Entry::getKey).toList());
    }

    public List<String> categories() {
        return categories;
    }

    /** Feature names, in vector order. */
    public List<String> names() {
        List<String> names = new ArrayList<>(FIXED);
        categories.forEach(c -> names.add("category:" + c));
        return names;
    }

    public int size() {
        return FIXED.size() + categories.size();
    }

    public double[] vector(ProfileFacts facts, long asOfMillis) {
        double[] v = new double[size()];
        v[DAYS_SINCE_LAST_SEEN] = Math.max(0, asOfMillis - facts.lastSeenMillis()) / (double) ProfileFacts.DAY_MILLIS;
        v[ORDERS] = Math.log1p(facts.orders());
        v[REVENUE] = Math.log1p(Math.max(0, facts.revenue()));
        v[CART_ABANDONMENT] = facts.cartAbandonmentRate();
        v[VISIT_MINUTES] = Math.log1p(facts.averageVisitMinutes());
        v[VIEW_SHARE] = facts.viewShare();
        for (int i = 0; i < categories.size(); i++) {
            v[FIRST_CATEGORY + i] = facts.categoryShare(categories.get(i));
        }
        return v;
    }
}
