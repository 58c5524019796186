package io.ecrm.schemas;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * One thing a visitor did on a shop, as the engine stores it (schema version 1, see
 * {@code schemas/clickstream-event.v1.json}). The tenant is not part of the event: it comes from the
 * request that carried it and decides the topic the event is written to.
 *
 * @param timestampMillis event time in epoch milliseconds
 * @param quantity items added, removed or bought; 1 when the sender did not say
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClickEvent(
        String eventId,
        EventType type,
        long timestampMillis,
        String anonymousId,
        String customerId,
        String sessionId,
        String itemId,
        int quantity,
        Double price,
        String currency,
        String url,
        String referrer,
        String userAgent,
        String query) {

    public ClickEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        if (anonymousId == null && customerId == null) {
            throw new IllegalArgumentException("an event needs an anonymousId or a customerId");
        }
        if (type.needsItem() && itemId == null) {
            throw new IllegalArgumentException(type.wireName() + " needs an itemId");
        }
    }

    /** A product event with only the fields the recommender needs; handy for generators and tests. */
    public static ClickEvent item(String eventId, EventType type, long timestampMillis, String visitorId, String itemId) {
        return new ClickEvent(eventId, type, timestampMillis, visitorId, null, null, itemId, 1,
                null, null, null, null, null, null);
    }

    /**
     * The key every per-visitor record is partitioned by: the customer when known, else the
     * anonymous visitor. The prefixes keep a customer id and an anonymous id that happen to be
     * equal apart.
     */
    @JsonIgnore
    public String visitorKey() {
        return VisitorKey.of(customerId, anonymousId);
    }
}
