package io.ecrm.streams.items;

import io.ecrm.recommender.EventKind;
import io.ecrm.recommender.ItemUpdate;
import java.util.List;

/** One product event's share of the item side's work, waiting for the next flush: its kind and its updates (its own item first). */
public record PendingEvent(EventKind kind, List<ItemUpdate> updates) {
    public PendingEvent {
        updates = List.copyOf(updates);
    }
}
