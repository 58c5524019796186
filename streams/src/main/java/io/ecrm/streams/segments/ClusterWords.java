package io.ecrm.streams.segments;

/**
 * A cluster's centroid in plain words, for the analyst who has to name a campaign after it: who
 * they are (lapsed, repeat buyers, big spenders, frequent browsers, occasional visitors), of which
 * category when one dominates, and how they buy. Thresholds are on the standardised centroid
 * (z, in standard deviations from the tenant's mean) and, where a plain number reads better, on
 * the centroid in the feature's own units.
 */
final class ClusterWords {
    /** How far from the mean, in standard deviations, counts as "notably" high. */
    private static final double HIGH = 0.5;
    /** Share of a visitor's product events one category needs to name the cluster after it. */
    private static final double DOMINANT_SHARE = 0.35;

    private ClusterWords() {
    }

    static String describe(BehaviourFeatures features, double[] z, double[] raw) {
        double orders = Math.expm1(raw[BehaviourFeatures.ORDERS]);
        String who;
        if (z[BehaviourFeatures.DAYS_SINCE_LAST_SEEN] > HIGH) {
            who = "lapsed visitors";
        } else if (z[BehaviourFeatures.REVENUE] > HIGH && z[BehaviourFeatures.REVENUE] >= z[BehaviourFeatures.ORDERS]) {
            who = "big spenders";
        } else if (z[BehaviourFeatures.ORDERS] > HIGH) {
            who = "repeat buyers";
        } else if (raw[BehaviourFeatures.VIEW_SHARE] > 0.8 && z[BehaviourFeatures.VIEW_SHARE] >= 0) {
            who = "frequent browsers";
        } else {
            who = "occasional visitors";
        }
        String category = "";
        double bestShare = DOMINANT_SHARE;
        for (int i = 0; i < features.categories().size(); i++) {
            double share = raw[BehaviourFeatures.FIRST_CATEGORY + i];
            if (share >= bestShare) {
                bestShare = share;
                category = " of " + features.categories().get(i);
            }
        }
        String how;
        if (orders < 0.5) {
            how = z[BehaviourFeatures.CART_ABANDONMENT] > HIGH ? "who fill carts but rarely buy" : "who rarely buy";
        } else if (z[BehaviourFeatures.CART_ABANDONMENT] > HIGH) {
            how = "who often abandon their carts";
        } else if (orders >= 2) {
            how = "who buy regularly";
        } else {
            how = "who buy now and then";
        }
        String visits = z[BehaviourFeatures.VISIT_MINUTES] > HIGH ? ", with long visits" : "";
        return who + category + " " + how + visits;
    }
}
