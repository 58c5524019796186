package io.ecrm.streams.cleaning;

import io.ecrm.schemas.ClickEvent;

/** What the rejected topic holds: the event as it came, and why it was kept from the models. */
public record RejectedEvent(String reason, ClickEvent event) {
}
