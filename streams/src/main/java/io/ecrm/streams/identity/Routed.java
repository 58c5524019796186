package io.ecrm.streams.identity;

import io.ecrm.recommender.VisitorHistory;
import io.ecrm.schemas.ClickEvent;
import io.ecrm.streams.earnings.RecommendationTrail;
import io.ecrm.streams.profile.CustomerProfile;

/**
 * What the visitor side sends itself over the tenant's visitor-routing topic, keyed by the visitor
 * it is for: the partition that holds a visitor's state is the one that must act on it.
 */
public sealed interface Routed {
    /** An event of a linked anonymous id, on its way to the customer it belongs to. */
    record Event(ClickEvent event) implements Routed {
    }

    /** Tells an anonymous id (the key) which customer it is: its state moves there, its next events follow. */
    record Link(String customerKey) implements Routed {
    }

    /** An anonymous visitor's state, moving into the customer (the key) it turned out to be. */
    record Move(CustomerProfile profile, VisitorHistory history, RecommendationTrail trail) implements Routed {
        public Move {
            trail = trail == null ? RecommendationTrail.NONE : trail;
        }
    }

    /** Erase the visitor (the key): sent for each anonymous id linked to an erased customer. */
    record Forget(String requestedBy) implements Routed {
    }
}
