package io.ecrm.recommender;

/**
 * A count whose past weighs less with age: value(t) = sum of w_i * 2^(-(t - t_i) / halfLife) over
 * the weights w_i added at times t_i. One small immutable value per item, updated per event in
 * O(1), which is what makes "trending" cheap to keep in a stream. Times may arrive out of order.
 *
 * @param value    the count at {@code atMillis}
 * @param atMillis the time the value is expressed at (the latest time added)
 */
public record DecayedCount(double value, long atMillis) {
    public static final DecayedCount ZERO = new DecayedCount(0.0, Long.MIN_VALUE);

    /** This count plus {@code weight} at {@code timeMillis}. */
    public DecayedCount add(double weight, long timeMillis, long halfLifeMillis) {
        if (atMillis == Long.MIN_VALUE) {
            return new DecayedCount(weight, timeMillis);
        }
        if (timeMillis >= atMillis) {
            return new DecayedCount(value * decay(timeMillis - atMillis, halfLifeMillis) + weight, timeMillis);
        }
        return new DecayedCount(value + weight * decay(atMillis - timeMillis, halfLifeMillis), atMillis);
    }

    /** The count as seen at {@code timeMillis} (not before {@link #atMillis}). */
    public double valueAt(long timeMillis, long halfLifeMillis) {
        return atMillis == Long.MIN_VALUE ? 0.0 : value * decay(Math.max(0, timeMillis - atMillis), halfLifeMillis);
    }

    private static double decay(long ageMillis, long halfLifeMillis) {
        return Math.pow(2.0, -(double) ageMillis / halfLifeMillis);
    }
}
