package io.ecrm.streams.items;

/**
 * How much an item's counts changed since its neighbour lists were last computed, and whether its
 * new count is still to be published. Recomputing an item's lists reads all its pairs (up to
 * {@code maxCandidatesPerItem}) and the count of each co-item, so it is done when the change is
 * worth it: once the item's own weight grew by a share of itself, or once the oldest change has
 * waited long enough. A popular item, whose lists barely move with one more event, is recomputed
 * at most once per {@code maxWaitMillis}; a new or rare item at the next refresh.
 *
 * @param sinceMillis  wall-clock time of the first change not yet in the item's lists
 * @param moved        own weight added since then
 * @param countPending the item's count changed since it was last published
 */
public record ItemChange(long sinceMillis, double moved, boolean countPending) {
    /** A change of which nothing is known but that it happened (marked before a restart): due at once. */
    public static final ItemChange UNKNOWN = new ItemChange(Long.MIN_VALUE / 2, Double.POSITIVE_INFINITY, true);

    /** The first change of an item whose lists are up to date. */
    public static ItemChange first(long nowMillis, double moved) {
        return new ItemChange(nowMillis, moved, true);
    }

    /** This change plus another update of {@code weight}. */
    public ItemChange plus(double weight) {
        return new ItemChange(sinceMillis, moved + weight, true);
    }

    /** This change with its count published. */
    public ItemChange countPublished() {
        return new ItemChange(sinceMillis, moved, false);
    }

    /**
     * Whether the item's lists are due at {@code nowMillis}: its weight (now {@code weight}, the
     * change included) moved by at least {@code growth} of itself, or the change waited
     * {@code maxWaitMillis} or more.
     */
    public boolean due(double weight, long nowMillis, double growth, long maxWaitMillis) {
        return nowMillis - sinceMillis >= maxWaitMillis || Math.abs(moved) >= growth * Math.abs(weight);
    }
}
