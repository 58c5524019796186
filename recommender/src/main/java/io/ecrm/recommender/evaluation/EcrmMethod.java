package io.ecrm.recommender.evaluation;

import io.ecrm.recommender.Catalogue;
import io.ecrm.recommender.EventKind;
import io.ecrm.recommender.InMemoryModel;
import io.ecrm.recommender.Recommendation;
import io.ecrm.recommender.RecommendationQuery;
import io.ecrm.recommender.Recommender;
import io.ecrm.recommender.RecommenderSettings;
import io.ecrm.recommender.RecommenderSources;
import java.util.ArrayList;
import java.util.List;

/**
 * ecrm's own recommender under evaluation: trained click by click through {@link InMemoryModel},
 * that is through the functions the streaming path calls on each event (each train session one
 * visitor and one visit, clicks as product views at their own times), and queried through the one
 * {@link Recommender} with the prefix as the visitor's current session, seen items allowed.
 */
public final class EcrmMethod implements SessionRecommender {
    private final String name;
    private final RecommenderSettings settings;
    private final Recommender recommender;
    private final InMemoryModel model;
    private final RecommenderSources sources;

    public EcrmMethod(RecommenderSettings settings) {
        this(settings, "ecrm");
    }

    /** @param name the name printed in result tables */
    public EcrmMethod(RecommenderSettings settings, String name) {
        this(settings, name, new InMemoryModel(settings));
    }

    private EcrmMethod(RecommenderSettings settings, String name, InMemoryModel model) {
        this.name = name;
        this.settings = settings;
        this.recommender = new Recommender(settings);
        this.model = model;
        this.sources = model.sources(Catalogue.NONE);
    }

    /**
     * This method's trained model queried with other serving knobs ({@code tuning.ServingKnobs}):
     * what a fit compares, without training again. The caller keeps the learned knobs of
     * {@code settings} this method's ({@code ServingKnobs.sameTraining}).
     */
    public EcrmMethod withServing(RecommenderSettings settings, String name) {
        return new EcrmMethod(settings, name, model);
    }

    @Override
    public String name() {
        return name;
    }

    public RecommenderSettings settings() {
        return settings;
    }

    @Override
    public void train(List<Session> sessions) {
        for (Session session : sessions) {
            for (int k = 0; k < session.length(); k++) {
                model.observe(session.id(), null, session.items().get(k), EventKind.VIEW, session.clickMillis().get(k));
            }
            // as on the live path, a visit enters the session index when it closes, at the time of its last click
            for (String item : session.items()) {
                model.sessions().observe(session.id(), item, session.endMillis());
            }
        }
        model.refresh();
    }

    @Override
    public List<String> recommend(List<String> prefix, int count) {
        List<Recommendation> answer = recommender.recommend(
                RecommendationQuery.builder().session(prefix).count(count).build(), sources);
        List<String> items = new ArrayList<>(answer.size());
        answer.forEach(r -> items.add(r.itemId()));
        return items;
    }
}
