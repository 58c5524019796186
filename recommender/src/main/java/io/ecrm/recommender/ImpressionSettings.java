package io.ecrm.recommender;

/**
 * How a visitor's ignored showings ({@link ShownItems}) change what they are shown, with defaults in
 * {@link #DEFAULTS}. Each ignored showing multiplies an item's blended score by
 * {@code ignoredPenalty}, that showing's weight halving every {@code ignoredHalfLifeMillis}; an item
 * shown {@code hideAfterIgnored} times within {@code hideWindowMillis} and touched by the visitor in
 * none of them is not shown again (until they touch it), unless the answer would otherwise be empty.
 * <p>
 * Defaults: a list ignored once costs an item 30% of its score (0.7), twice about half, and the
 * cost fades over days (half-life 1 day), so the next visit starts nearly fresh; three ignored
 * showings within a week hide an item, the point where showing it again is mostly lost space.
 *
 * @param ignoredPenalty        score multiplier per fresh ignored showing, in (0, 1]; 1 turns demotion off
 * @param ignoredHalfLifeMillis how long until a showing weighs half
 * @param hideAfterIgnored      ignored showings within the window that hide an item, 1 to
 *                              {@link ShownItems#SHOWINGS_KEPT}; 0 never hides
 * @param hideWindowMillis      the window of the hide rule
 */
public record ImpressionSettings(double ignoredPenalty, long ignoredHalfLifeMillis, int hideAfterIgnored,
                                 long hideWindowMillis) {
    public static final ImpressionSettings DEFAULTS = new ImpressionSettings(0.7, 86_400_000L, 3, 7 * 86_400_000L);

    public ImpressionSettings {
        if (!(ignoredPenalty > 0 && ignoredPenalty <= 1)) {
            throw new IllegalArgumentException("impressions.ignoredPenalty must be in (0, 1], was " + ignoredPenalty);
        }
        if (ignoredHalfLifeMillis <= 0 || hideWindowMillis <= 0) {
            throw new IllegalArgumentException("impressions.ignoredHalfLifeMillis and hideWindowMillis must be positive");
        }
        if (hideAfterIgnored < 0 || hideAfterIgnored > ShownItems.SHOWINGS_KEPT) {
            throw new IllegalArgumentException("impressions.hideAfterIgnored must be from 0 (never) to "
                    + ShownItems.SHOWINGS_KEPT + ", was " + hideAfterIgnored);
        }
    }

    /** What the showings mean at {@code nowMillis}: each item's score factor, and which are hidden. */
    public IgnoredItems judge(ShownItems shown, long nowMillis) {
        return shown.isEmpty() ? IgnoredItems.NONE : new IgnoredItems(shown, this, nowMillis);
    }
}
