package io.ecrm.streams;

import io.ecrm.recommender.VisitorHistory;
import io.ecrm.streams.cleaning.RecentEventIds;
import io.ecrm.streams.cleaning.VisitorActivity;
import io.ecrm.streams.earnings.RecommendationTrail;
import io.ecrm.streams.profile.CustomerProfile;

/**
 * Everything the visitor side keeps of one visitor, in one value of {@link Stores#VISITORS}: read
 * once and written once per event. Immutable.
 *
 * @param activity how fast the visitor clicks (bot behaviour)
 * @param eventIds the ids of the visitor's recent events (duplicates)
 * @param profile  the profile with its open visit; null until the visitor's first clean event, and
 *                 after an anonymous visitor's profile moved to the customer it was linked to
 * @param history  the recommendation history (with what lists showed and the visitor ignored); null until the
 *                 first product event or impression, and after a move
 * @param trail    the recent impressions and clicks on recommended items, to attribute what they earned
 */
public record VisitorRecord(VisitorActivity activity, RecentEventIds eventIds, CustomerProfile profile,
                            VisitorHistory history, RecommendationTrail trail) {
    public static final VisitorRecord NONE = new VisitorRecord(VisitorActivity.NONE, RecentEventIds.NONE, null, null,
            RecommendationTrail.NONE);

    public VisitorRecord {
        activity = activity == null ? VisitorActivity.NONE : activity;
        eventIds = eventIds == null ? RecentEventIds.NONE : eventIds;
        trail = trail == null ? RecommendationTrail.NONE : trail;
    }

    public VisitorRecord withCleaning(VisitorActivity nextActivity, RecentEventIds nextEventIds) {
        return new VisitorRecord(nextActivity, nextEventIds, profile, history, trail);
    }

    public VisitorRecord withProfile(CustomerProfile nextProfile) {
        return new VisitorRecord(activity, eventIds, nextProfile, history, trail);
    }

    public VisitorRecord withHistory(VisitorHistory nextHistory) {
        return new VisitorRecord(activity, eventIds, profile, nextHistory, trail);
    }

    public VisitorRecord withTrail(RecommendationTrail nextTrail) {
        return new VisitorRecord(activity, eventIds, profile, history, nextTrail);
    }
}
