package io.ecrm.serving.segments;

import io.ecrm.recommender.ScoredItem;
import io.ecrm.serving.TenantEngine;
import io.ecrm.streams.segments.ProfileFacts;
import io.ecrm.streams.segments.export.SegmentExport;

/** The one place exports ask for a visitor's recommended items: the same answer as the recommendations route. */
final class SegmentRecommendations {
    private SegmentRecommendations() {
    }

    static SegmentExport.Recommend of(TenantEngine tenant) {
        return (profile, count) -> tenant.recommend(ProfileFacts.visitorId(profile), count).stream()
                .map(ScoredItem::itemId).toList();
    }
}
