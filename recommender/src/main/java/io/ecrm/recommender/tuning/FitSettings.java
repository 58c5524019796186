package io.ecrm.recommender.tuning;

/**
 * How a tenant's fit splits its visits and how long it may search, with defaults in {@link #DEFAULTS}.
 *
 * @param validationWindowMillis visits that started this close to the newest click are validation (a day)
 * @param minValidationVisits    ... but at least this many of the latest visits (small or quiet tenants) ...
 * @param maxValidationShare     ... and at most this share of all visits, the latest: the rest train
 * @param minVisits              a tenant with fewer visits of two or more clicks is not fitted: too little to choose on
 * @param maxValidationPrefixes  at most this many validation prefixes are scored per candidate, from visits spread
 *                               evenly over the validation window (bounds the cost on large tenants)
 * @param passes                 most passes of the coordinate search over {@link ServingKnobs#ALL}
 * @param maxSearchMillis        the search stops after this long (the fixed candidates are always scored)
 */
public record FitSettings(
        long validationWindowMillis,
        int minValidationVisits,
        double maxValidationShare,
        int minVisits,
        int maxValidationPrefixes,
        int passes,
        long maxSearchMillis) {

    public static final FitSettings DEFAULTS = new FitSettings(86_400_000L, 3_000, 0.2, 500, 10_000, 2, 240_000L);

    public FitSettings {
        if (validationWindowMillis <= 0 || minValidationVisits < 1 || !(maxValidationShare > 0 && maxValidationShare < 1)
                || minVisits < 2 || maxValidationPrefixes < 1 || passes < 0 || maxSearchMillis < 0) {
            throw new IllegalArgumentException("fit settings out of range");
        }
    }
}
