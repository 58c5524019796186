package io.ecrm.streams.items;

import io.ecrm.recommender.EventKind;
import io.ecrm.recommender.ItemUpdate;
import java.util.List;

/**
 * One product event's share of the item side's work, as earlier versions buffered it in
 * {@link io.ecrm.streams.Stores#PENDING_ITEM_UPDATES}: its kind, its co-occurrence updates (its own
 * item first) and its follows updates. Read, never written: a data dir of such a version is
 * drained of them on its first commit.
 */
public record PendingEvent(EventKind kind, List<ItemUpdate> updates, List<ItemUpdate> follows) {
    public PendingEvent {
        updates = List.copyOf(updates);
        follows = List.copyOf(follows);
    }
}
