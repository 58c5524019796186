package io.ecrm.streams.items;

import io.ecrm.recommender.EventKind;
import io.ecrm.recommender.ItemUpdate;
import java.util.List;

/**
 * One product event's share of the item side's work, waiting for the next flush: its kind, its
 * co-occurrence updates (its own item first) and its follows updates.
 */
public record PendingEvent(EventKind kind, List<ItemUpdate> updates, List<ItemUpdate> follows) {
    public PendingEvent {
        updates = List.copyOf(updates);
        follows = List.copyOf(follows);
    }
}
