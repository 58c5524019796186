package io.ecrm.streams.earnings;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * What recommendations earned, summed over some visitors and time: lists shown, items in them,
 * clicks on recommended items, and the cart adds, purchases and revenue attributed to those clicks
 * ({@link RecommendationTrail}). Summed per experiment arm, it also counts the arm's visitors, those
 * of them with an attributed purchase, and the sum of squares of each visitor's attributed revenue
 * (for the variance of revenue per visitor); these stay 0 in a placement's sums.
 *
 * @param impressions lists shown
 * @param itemsShown  items in those lists
 * @param clicks      product events that came from a recommendation, each (recommendation, item) once
 * @param cartAdds    cart adds of an item within {@link RecommendationTrail#ATTRIBUTION_MILLIS} after a click on it
 * @param purchases   purchases likewise
 * @param revenue     price times quantity of those purchases, as sent (a shop's one currency)
 * @param visitors    visitors who were shown a list of the arm
 * @param converters  of them, those with an attributed purchase
 * @param revenueSquares the sum over the arm's visitors of the square of each one's attributed revenue
 */
public record Earnings(long impressions, long itemsShown, long clicks, long cartAdds, long purchases, double revenue,
                       long visitors, long converters, double revenueSquares) {
    public static final Earnings NONE = new Earnings(0, 0, 0, 0, 0, 0.0);

    /** Earnings of a placement: no visitor counts. */
    public Earnings(long impressions, long itemsShown, long clicks, long cartAdds, long purchases, double revenue) {
        this(impressions, itemsShown, clicks, cartAdds, purchases, revenue, 0, 0, 0.0);
    }

    public Earnings plus(Earnings other) {
        return new Earnings(impressions + other.impressions, itemsShown + other.itemsShown, clicks + other.clicks,
                cartAdds + other.cartAdds, purchases + other.purchases, revenue + other.revenue,
                visitors + other.visitors, converters + other.converters, revenueSquares + other.revenueSquares);
    }

    /** These earnings with a visitor's counts of their arm: new to it, newly converted, their revenue square's growth. */
    Earnings withVisitor(long newVisitors, long newConverters, double squaresAdded) {
        return new Earnings(impressions, itemsShown, clicks, cartAdds, purchases, revenue, visitors + newVisitors,
                converters + newConverters, revenueSquares + squaresAdded);
    }

    @JsonIgnore // no field of the JSON form
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
