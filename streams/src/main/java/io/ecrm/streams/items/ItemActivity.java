package io.ecrm.streams.items;

/**
 * What happened to one item: its product events by kind, and its weighted activity as an
 * exponentially decayed count per {@link ActivityWindow} (half-life = the window), all kept
 * current to {@code updatedMillis} in event time. Constant size per item; O(1) per update.
 *
 * @param decayed decayed weighted counts at {@code updatedMillis}, one per window in enum order
 */
public record ItemActivity(long views, long carts, long purchases, long updatedMillis, double[] decayed) {
    public static final ItemActivity NONE = new ItemActivity(0, 0, 0, 0, new double[ActivityWindow.values().length]);

    public ItemActivity {
        if (decayed.length != ActivityWindow.values().length) {
            throw new IllegalArgumentException("one decayed count per window");
        }
        decayed = decayed.clone();
    }

    /**
     * The activity after more events at {@code atMillis} with the given weight. An update older
     * than the last one (late data) counts decayed to where it belongs, without moving the clock back.
     */
    public ItemActivity add(long moreViews, long moreCarts, long morePurchases, double weight, long atMillis) {
        long now = Math.max(updatedMillis, atMillis);
        double[] next = new double[decayed.length];
        for (ActivityWindow window : ActivityWindow.values()) {
            int i = window.ordinal();
            next[i] = decay(decayed[i], now - updatedMillis, window) + decay(weight, now - atMillis, window);
        }
        return new ItemActivity(views + moreViews, carts + moreCarts, purchases + morePurchases, now, next);
    }

    /** The decayed count in a window as of {@code nowMillis} (no later than now: never grown back). */
    public double decayed(ActivityWindow window, long nowMillis) {
        return decay(decayed[window.ordinal()], Math.max(0, nowMillis - updatedMillis), window);
    }

    /**
     * How far the item's activity in a window stands above what its longer baseline leads one to
     * expect, as a Poisson z-score: (observed - expected) / sqrt(expected + 1), where expected is
     * the baseline's rate (decayed count over its half-life) times this window's half-life. Positive
     * for rising items; 0 for the longest window, which has no baseline.
     */
    public double trend(ActivityWindow window, long nowMillis) {
        return window.baseline().map(baseline -> {
            double observed = decayed(window, nowMillis);
            double expected = decayed(baseline, nowMillis) / baseline.halfLifeMillis() * window.halfLifeMillis();
            return (observed - expected) / Math.sqrt(expected + 1);
        }).orElse(0.0);
    }

    // count * 2^(-elapsed / half-life)
    private static double decay(double count, long elapsedMillis, ActivityWindow window) {
        return elapsedMillis <= 0 ? count : count * Math.pow(2, -(double) elapsedMillis / window.halfLifeMillis());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ItemActivity other && views == other.views && carts == other.carts
                && purchases == other.purchases && updatedMillis == other.updatedMillis
                && java.util.Arrays.equals(decayed, other.decayed);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(views, carts, purchases, updatedMillis, java.util.Arrays.hashCode(decayed));
    }
}
