package io.ecrm.streams.earnings;

/**
 * What recommendations earned, summed over some visitors and time: lists shown, items in them,
 * clicks on recommended items, and the cart adds, purchases and revenue attributed to those clicks
 * ({@link RecommendationTrail}).
 *
 * @param impressions lists shown
 * @param itemsShown  items in those lists
 * @param clicks      product events that came from a recommendation, each (recommendation, item) once
 * @param cartAdds    cart adds of an item within {@link RecommendationTrail#ATTRIBUTION_MILLIS} after a click on it
 * @param purchases   purchases likewise
 * @param revenue     price times quantity of those purchases, as sent (a shop's one currency)
 */
public record Earnings(long impressions, long itemsShown, long clicks, long cartAdds, long purchases, double revenue) {
    public static final Earnings NONE = new Earnings(0, 0, 0, 0, 0, 0.0);

    public Earnings plus(Earnings other) {
        return new Earnings(impressions + other.impressions, itemsShown + other.itemsShown, clicks + other.clicks,
                cartAdds + other.cartAdds, purchases + other.purchases, revenue + other.revenue);
    }

    public boolean isEmpty() {
        return equals(NONE);
    }

    static Earnings impression(int items) {
        return new Earnings(1, items, 0, 0, 0, 0.0);
    }

    static Earnings click() {
        return new Earnings(0, 0, 1, 0, 0, 0.0);
    }

    static Earnings cartAdd() {
        return new Earnings(0, 0, 0, 1, 0, 0.0);
    }

    static Earnings purchase(double revenue) {
        return new Earnings(0, 0, 0, 0, 1, revenue);
    }
}
