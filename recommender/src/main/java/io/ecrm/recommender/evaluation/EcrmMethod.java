package io.ecrm.recommender.evaluation;

import io.ecrm.recommender.EventKind;
import io.ecrm.recommender.ItemCooccurrence;
import io.ecrm.recommender.ItemNeighbours;
import io.ecrm.recommender.ItemUpdate;
import io.ecrm.recommender.RecommendationQuery;
import io.ecrm.recommender.Recommender;
import io.ecrm.recommender.RecommenderSettings;
import io.ecrm.recommender.ScoredItem;
import io.ecrm.recommender.SessionBlend;
import io.ecrm.recommender.SessionIndex;
import io.ecrm.recommender.SessionKnnSettings;
import io.ecrm.recommender.VisitorHistory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * ecrm's own recommender, trained click by click through the functions the streaming path calls
 * on each event: {@link VisitorHistory#observe} (each train session a visitor) with
 * {@link ItemCooccurrence#apply} for the item-to-item neighbours, and {@link SessionIndex#observe}
 * for the session index; queried through {@link Recommender} and {@link SessionBlend}.
 */
public final class EcrmMethod implements SessionRecommender {
    private final RecommenderSettings settings;
    private final Recommender recommender;
    private final SessionBlend blend;
    private final SessionIndex index;
    private final Map<String, ItemNeighbours> neighbours = new HashMap<>();
    private List<ScoredItem> popular = List.of();

    public EcrmMethod(RecommenderSettings settings, SessionKnnSettings sessionKnn) {
        this.settings = settings;
        this.recommender = new Recommender(settings);
        this.blend = new SessionBlend(sessionKnn);
        this.index = new SessionIndex(sessionKnn.maxSessions(), sessionKnn.maxSessionsPerItem());
    }

    @Override
    public String name() {
        return "ecrm";
    }

    @Override
    public void train(List<Session> sessions) {
        Map<String, ItemCooccurrence> items = new HashMap<>();
        double total = 0;
        long clock = 0;
        for (Session session : sessions) {
            VisitorHistory history = VisitorHistory.EMPTY;
            for (String item : session.items()) {
                index.observe(session.id(), item);
                VisitorHistory.Observed observed = history.observe(item, EventKind.VIEW, clock += 1000, settings);
                history = observed.history();
                for (ItemUpdate update : observed.updates()) {
                    items.computeIfAbsent(update.itemId(), k -> new ItemCooccurrence())
                            .apply(update, settings.maxCandidatesPerItem());
                    total += update.ownWeight();
                }
            }
        }
        double tenantTotal = total;
        items.forEach((id, item) -> neighbours.put(id, ItemNeighbours.score(item,
                other -> items.containsKey(other) ? items.get(other).weight() : 0.0, tenantTotal,
                settings.maxNeighboursPerItem())));
        List<ScoredItem> byWeight = new ArrayList<>();
        items.forEach((id, item) -> byWeight.add(new ScoredItem(id, item.weight())));
        byWeight.sort((a, b) -> Double.compare(b.score(), a.score()));
        popular = byWeight.subList(0, Math.min(500, byWeight.size()));
    }

    @Override
    public List<String> recommend(List<String> prefix, int count) {
        List<String> recent = new ArrayList<>(prefix);
        Collections.reverse(recent);
        List<ScoredItem> fromItems = recommender.recommend(new RecommendationQuery(recent.stream().distinct().toList(),
                Set.of(), count), item -> neighbours.getOrDefault(item, ItemNeighbours.NONE), popular);
        return blend.rank(prefix, index, null, fromItems, Set.of(), count).stream().map(ScoredItem::itemId).toList();
    }
}
