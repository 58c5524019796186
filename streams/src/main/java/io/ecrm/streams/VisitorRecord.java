package io.ecrm.streams;

import io.ecrm.recommender.VisitorHistory;
import io.ecrm.streams.cleaning.RecentEventIds;
import io.ecrm.streams.cleaning.VisitorActivity;
import io.ecrm.streams.profile.CustomerProfile;

/**
 * Everything the visitor side keeps of one visitor, in one value of {@link Stores#VISITORS}: read
 * once and written once per event. Immutable.
 *
 * @param activity how fast the visitor clicks (bot behaviour)
 * @param eventIds the ids of the visitor's recent events (duplicates)
 * @param profile  the profile with its open visit; null until the visitor's first clean event, and
 *                 after an anonymous visitor's profile moved to the customer it was linked to
 * @param history  the recommendation history; null until the first product event, and after a move
 */
public record VisitorRecord(VisitorActivity activity, RecentEventIds eventIds, CustomerProfile profile,
                            VisitorHistory history) {
    public static final VisitorRecord NONE = new VisitorRecord(VisitorActivity.NONE, RecentEventIds.NONE, null, null);

    public VisitorRecord {
        activity = activity == null ? VisitorActivity.NONE : activity;
        eventIds = eventIds == null ? RecentEventIds.NONE : eventIds;
    }

    public VisitorRecord withCleaning(VisitorActivity nextActivity, RecentEventIds nextEventIds) {
        return new VisitorRecord(nextActivity, nextEventIds, profile, history);
    }

    public VisitorRecord withProfile(CustomerProfile nextProfile) {
        return new VisitorRecord(activity, eventIds, nextProfile, history);
    }

    public VisitorRecord withHistory(VisitorHistory nextHistory) {
        return new VisitorRecord(activity, eventIds, profile, nextHistory);
    }
}
