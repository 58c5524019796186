package io.ecrm.serving;

import io.ecrm.recommender.ItemNeighbours;
import io.ecrm.recommender.RecommendationQuery;
import io.ecrm.recommender.Recommender;
import io.ecrm.recommender.ScoredItem;
import io.ecrm.recommender.TopK;
import io.ecrm.recommender.VisitorHistory;
import io.ecrm.schemas.TenantTopics;
import io.ecrm.schemas.VisitorKey;
import io.ecrm.streams.TenantStreams;
import io.ecrm.streams.profile.CustomerProfile;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One tenant as the HTTP layer sees it: answers from the tenant's state stores through the
 * recommender. Popular items are recomputed from the global counts at most every
 * {@link #POPULAR_REFRESH_MILLIS}, not per request.
 */
public final class TenantEngine {
    static final long POPULAR_REFRESH_MILLIS = 2_000;
    private static final int POPULAR_KEPT = 500;

    private final TenantStreams streams;
    private final Recommender recommender;
    private volatile List<ScoredItem> popular = List.of();
    private volatile long popularComputedAt;

    public TenantEngine(TenantStreams streams, Recommender recommender) {
        this.streams = streams;
        this.recommender = recommender;
    }

    public TenantTopics topics() {
        return streams.topics();
    }

    public TenantStreams streams() {
        return streams;
    }

    /**
     * The visitor key an id is known under: the customer with that id, else the anonymous visitor
     * with that id, or the customer that anonymous id has been linked to (its state moved there).
     */
    private <T> Optional<T> lookUp(String visitorId, java.util.function.Function<String, T> read) {
        T found = read.apply(VisitorKey.customer(visitorId));
        if (found == null) {
            found = read.apply(VisitorKey.anonymous(visitorId));
        }
        if (found == null) {
            String customer = streams.linkedCustomer(VisitorKey.anonymous(visitorId));
            found = customer == null ? null : read.apply(customer);
        }
        return Optional.ofNullable(found);
    }

    /** The visitor's history (see {@link #lookUp} for how the id is found). */
    public Optional<VisitorHistory> history(String visitorId) {
        return lookUp(visitorId, streams::visitorHistory);
    }

    /** The visitor's profile (see {@link #lookUp} for how the id is found). */
    public Optional<CustomerProfile> profile(String visitorId) {
        return lookUp(visitorId, streams::profile);
    }

    /** Recommendations for a visitor; an unknown visitor gets the popular items. */
    public List<ScoredItem> recommend(String visitorId, int count) {
        Optional<VisitorHistory> history = history(visitorId);
        List<String> recent = history.map(VisitorHistory::recentItemIds).orElse(List.of());
        Set<String> excluded = history.map(VisitorHistory::seenAndBought).orElse(Set.of());
        return recommender.recommend(new RecommendationQuery(recent, excluded, count), streams::neighbours, popular());
    }

    /** The item's neighbours, best first; empty when the item is unknown. */
    public Optional<List<ScoredItem>> similar(String itemId, int count) {
        ItemNeighbours neighbours = streams.neighbours(itemId);
        if (neighbours.neighbours().isEmpty() && streams.itemCount(itemId) == null) {
            return Optional.empty();
        }
        List<ScoredItem> all = neighbours.neighbours();
        return Optional.of(all.subList(0, Math.min(count, all.size())));
    }

    /** The most popular items by weighted count, best first. */
    public List<ScoredItem> popular() {
        long now = System.currentTimeMillis();
        if (now - popularComputedAt >= POPULAR_REFRESH_MILLIS) {
            TopK top = new TopK(POPULAR_KEPT);
            streams.forEachItemCount((item, count) -> top.offer(new ScoredItem(item, count)));
            popular = top.best();
            popularComputedAt = now;
        }
        return popular;
    }
}
