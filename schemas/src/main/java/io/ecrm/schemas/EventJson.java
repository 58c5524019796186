package io.ecrm.schemas;

/**
 * The storage form of a {@link ClickEvent} on Kafka topics: compact JSON with the timestamp as
 * {@code timestampMillis}. Only already validated events are written in this form.
 */
public final class EventJson {
    private static final JsonForm<ClickEvent> FORM = new JsonForm<>(ClickEvent.class);

    private EventJson() {
    }

    public static byte[] toBytes(ClickEvent event) {
        return FORM.toBytes(event);
    }

    public static ClickEvent fromBytes(byte[] bytes) {
        return FORM.fromBytes(bytes);
    }
}
