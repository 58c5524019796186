package io.ecrm.schemas;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Objects;

/**
 * One thing a visitor did on a shop, as the engine stores it (schema version 1, see
 * {@code schemas/clickstream-event.v1.json}). The tenant is not part of the event: it comes from the
 * request that carried it and decides the topic the event is written to.
 *
 * @param timestampMillis  event time in epoch milliseconds
 * @param quantity         items added, removed or bought; 1 when the sender did not say
 * @param recommendationId the recommendation answer an impression showed, or a product event came from (a click
 *                         on a recommended item); null for anything else
 * @param placement        where on the page an impression's list was shown ({@link #DEFAULT_PLACEMENT} when the
 *                         sender did not say); null for other types
 * @param itemIds          an impression's items in the order shown; null for other types
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
        String query,
        String recommendationId,
        String placement,
        List<String> itemIds) {

    /** The placement of an impression whose sender did not name one. */
    public static final String DEFAULT_PLACEMENT = "default";

    public ClickEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        if (anonymousId == null && customerId == null) {
            throw new IllegalArgumentException("an event needs an anonymousId or a customerId");
        }
        if (type.needsItem() && itemId == null) {
            throw new IllegalArgumentException(type.wireName() + " needs an itemId");
        }
        if (type == EventType.IMPRESSION) {
            if (recommendationId == null || itemIds == null || itemIds.isEmpty()) {
                throw new IllegalArgumentException("an impression needs a recommendationId and its itemIds");
            }
            itemIds = List.copyOf(itemIds);
            placement = placement == null ? DEFAULT_PLACEMENT : placement;
        } else if (itemIds != null || placement != null) {
            throw new IllegalArgumentException("only an impression has itemIds and a placement");
        }
    }

    /** An event that refers to no recommendation (every type but {@link EventType#IMPRESSION}). */
    public ClickEvent(String eventId, EventType type, long timestampMillis, String anonymousId, String customerId,
                      String sessionId, String itemId, int quantity, Double price, String currency, String url,
                      String referrer, String userAgent, String query) {
        this(eventId, type, timestampMillis, anonymousId, customerId, sessionId, itemId, quantity, price, currency, url,
                referrer, userAgent, query, null, null, null);
    }

    /** An impression: the items of recommendation {@code recommendationId} shown to a visitor, in order, at {@code placement}. */
    public static ClickEvent impression(String eventId, long timestampMillis, String visitorId, String recommendationId,
                                        String placement, List<String> itemIds) {
        return new ClickEvent(eventId, EventType.IMPRESSION, timestampMillis, visitorId, null, null, null, 1,
                null, null, null, null, null, null, recommendationId, placement, itemIds);
    }

    /** This event as coming from recommendation {@code id} (a click on a recommended item). */
    public ClickEvent fromRecommendation(String id) {
        return new ClickEvent(eventId, type, timestampMillis, anonymousId, customerId, sessionId, itemId, quantity, price,
                currency, url, referrer, userAgent, query, id, placement, itemIds);
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
