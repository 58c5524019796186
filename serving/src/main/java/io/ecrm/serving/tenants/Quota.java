package io.ecrm.serving.tenants;

/**
 * What one tenant may ask of the engine, so that a sale or a runaway script at one shop cannot
 * crowd out the others on the shared HTTP threads, producer and cores. Each rate is a token bucket
 * that holds {@link #BURST_SECONDS} seconds of it; 0 means no limit. Set per tenant in the tenants
 * file ({@code ecrm tenant set-quota}); a tenant without one has {@link #DEFAULTS}: generous for one
 * shop (a recommendation costs well under a millisecond of a core), and a fraction of what the
 * engine serves on two cores, so that several tenants at their quota still leave room.
 *
 * @param requestsPerSecond keyed API requests a second
 * @param eventsPerSecond   events a second, over {@code /v1/events}, {@code /v1/collect} and the pixel
 */
public record Quota(double requestsPerSecond, double eventsPerSecond) {
    public static final Quota DEFAULTS = new Quota(2_000, 20_000);
    /** No limit: what load runs give their tenant. */
    public static final Quota NONE = new Quota(0, 0);
    public static final double BURST_SECONDS = 2;

    public Quota {
        if (!(requestsPerSecond >= 0) || !(eventsPerSecond >= 0) || Double.isInfinite(requestsPerSecond)
                || Double.isInfinite(eventsPerSecond)) {
            throw new IllegalArgumentException("quotas are rates of 0 (no limit) or more");
        }
    }
}
