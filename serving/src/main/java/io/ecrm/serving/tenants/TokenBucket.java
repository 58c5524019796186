package io.ecrm.serving.tenants;

/**
 * A token bucket: tokens flow in at {@code rate} a second up to {@code rate x burst seconds}; a
 * request takes as many as it costs, or is refused with the time until they will be there. Pure:
 * the caller passes the clock.
 */
public final class TokenBucket {
    private double tokens = Double.NaN;
    private long lastNanos;

    /**
     * Takes {@code cost} tokens at {@code nowNanos} if there are enough; answers 0 when taken, else
     * the nanoseconds until there would be (nothing is taken then).
     */
    public synchronized long take(double cost, double rate, double burstSeconds, long nowNanos) {
        double capacity = Math.max(rate * burstSeconds, cost);
        if (Double.isNaN(tokens)) {
            tokens = capacity;
        } else {
            tokens = Math.min(capacity, tokens + (nowNanos - lastNanos) / 1e9 * rate);
        }
        lastNanos = nowNanos;
        if (tokens >= cost) {
            tokens -= cost;
            return 0;
        }
        return (long) Math.ceil((cost - tokens) / rate * 1e9);
    }
}
