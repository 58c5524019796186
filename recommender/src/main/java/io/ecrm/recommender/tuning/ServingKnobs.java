package io.ecrm.recommender.tuning;

import io.ecrm.recommender.ImpressionSettings;
import io.ecrm.recommender.RankingSettings;
import io.ecrm.recommender.RecommenderSettings;
import io.ecrm.recommender.SessionKnnSettings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The knobs a fit chooses: every knob that acts when a recommendation is asked for, so that the
 * live engine can take fitted values at once, without relearning its stores. They are the five
 * source weights, the repeat source's decay, the session-kNN query (sample, neighbours, lookup
 * items, votes, the four decays) and how many recent items the item-to-item sources read.
 * <p>
 * Left to the engine's configuration, because they shape what the stores learn from each event
 * (and a change would apply to new events only): event weights, co-occurrence windows, list sizes,
 * the similarity measure and the session index's bounds. Also left: {@code profileWeight}, which
 * weighs a visitor's earlier visits, of which validation visits carry none, and the business rules
 * ({@code maxPerCategory}).
 * <p>
 * The values tried span each knob's published range, with 0 where 0 turns a source or a decay
 * off; none is taken from a test file.
 */
public final class ServingKnobs {
    private static final long DAY_MILLIS = 86_400_000L;

    /** In the order the search visits them: the source weights first, then the shape of each source. */
    public static final List<Knob> ALL = List.of(
            ranking("ranking.sessionNeighboursWeight", List.of(0.0, 0.25, 0.5, 1.0, 2.0),
                    RankingSettings::sessionNeighboursWeight,
                    (r, v) -> r.withWeights(v, r.repeatWeight(), r.followsWeight(), r.similarItemsWeight(), r.popularityWeight())),
            ranking("ranking.repeatWeight", List.of(0.0, 0.1, 0.25, 0.5, 1.0, 2.0, 4.0),
                    RankingSettings::repeatWeight,
                    (r, v) -> r.withWeights(r.sessionNeighboursWeight(), v, r.followsWeight(), r.similarItemsWeight(), r.popularityWeight())),
            ranking("ranking.repeatDecay", List.of(0.0, 1.0, 2.0, 5.0, 20.0),
                    RankingSettings::repeatDecay, RankingSettings::withRepeatDecay),
            ranking("ranking.followsWeight", List.of(0.0, 0.05, 0.1, 0.25, 0.5, 1.0),
                    RankingSettings::followsWeight,
                    (r, v) -> r.withWeights(r.sessionNeighboursWeight(), r.repeatWeight(), v, r.similarItemsWeight(), r.popularityWeight())),
            ranking("ranking.similarItemsWeight", List.of(0.0, 0.05, 0.1, 0.25, 0.5, 1.0),
                    RankingSettings::similarItemsWeight,
                    (r, v) -> r.withWeights(r.sessionNeighboursWeight(), r.repeatWeight(), r.followsWeight(), v, r.popularityWeight())),
            ranking("ranking.popularityWeight", List.of(0.0, 0.01, 0.05, 0.2),
                    RankingSettings::popularityWeight,
                    (r, v) -> r.withWeights(r.sessionNeighboursWeight(), r.repeatWeight(), r.followsWeight(), r.similarItemsWeight(), v)),
            new Knob("queryItems", List.of(1.0, 3.0, 5.0, 10.0), RecommenderSettings::queryItems,
                    (s, v) -> s.withQueryItems((int) v)),
            knn("sessionKnn.sampleSize", List.of(250.0, 500.0, 1_000.0), SessionKnnSettings::sampleSize,
                    (k, v) -> k.withQuery((int) v, k.latestItems(), k.neighbours(), k.maxVotes())),
            knn("sessionKnn.neighbours", List.of(25.0, 50.0, 100.0, 200.0), SessionKnnSettings::neighbours,
                    (k, v) -> k.withQuery(k.sampleSize(), k.latestItems(), (int) v, k.maxVotes())),
            knn("sessionKnn.latestItems", List.of(1.0, 3.0, 5.0, 10.0), SessionKnnSettings::latestItems,
                    (k, v) -> k.withQuery(k.sampleSize(), (int) v, k.neighbours(), k.maxVotes())),
            knn("sessionKnn.maxVotes", List.of(50.0, 100.0, 200.0), SessionKnnSettings::maxVotes,
                    (k, v) -> k.withQuery(k.sampleSize(), k.latestItems(), k.neighbours(), (int) v)),
            knn("sessionKnn.positionDecay", List.of(0.0, 0.5, 1.02, 2.0, 4.0), SessionKnnSettings::positionDecay,
                    (k, v) -> k.withDecays(v, k.neighbourItemDecay(), k.matchDecay(), k.sessionAgeMillis())),
            knn("sessionKnn.neighbourItemDecay", List.of(0.0, 1.0, 2.05, 4.0, 8.0), SessionKnnSettings::neighbourItemDecay,
                    (k, v) -> k.withDecays(k.positionDecay(), v, k.matchDecay(), k.sessionAgeMillis())),
            knn("sessionKnn.matchDecay", List.of(0.0, 0.5, 1.02, 2.0, 4.0), SessionKnnSettings::matchDecay,
                    (k, v) -> k.withDecays(k.positionDecay(), k.neighbourItemDecay(), v, k.sessionAgeMillis())),
            knn("sessionKnn.sessionAgeMillis", List.of(0.0, 1.0 * DAY_MILLIS, 5.0 * DAY_MILLIS, 20.0 * DAY_MILLIS),
                    SessionKnnSettings::sessionAgeMillis,
                    (k, v) -> k.withDecays(k.positionDecay(), k.neighbourItemDecay(), k.matchDecay(), (long) v)));

    /**
     * Serving knobs a fit leaves alone, set per tenant by hand or by an experiment: how ignored
     * showings demote and hide items. Validation visits carry no impressions, so a fit could not
     * tell their values apart; their values here are the ones worth trying live.
     */
    public static final List<Knob> RULES = List.of(
            impressions("impressions.ignoredPenalty", List.of(0.5, 0.7, 0.85, 1.0), ImpressionSettings::ignoredPenalty,
                    (i, v) -> new ImpressionSettings(v, i.ignoredHalfLifeMillis(), i.hideAfterIgnored(), i.hideWindowMillis())),
            impressions("impressions.ignoredHalfLifeMillis", List.of(3_600_000.0, 1.0 * DAY_MILLIS, 7.0 * DAY_MILLIS),
                    i -> i.ignoredHalfLifeMillis(),
                    (i, v) -> new ImpressionSettings(i.ignoredPenalty(), (long) v, i.hideAfterIgnored(), i.hideWindowMillis())),
            impressions("impressions.hideAfterIgnored", List.of(0.0, 2.0, 3.0, 5.0), i -> i.hideAfterIgnored(),
                    (i, v) -> new ImpressionSettings(i.ignoredPenalty(), i.ignoredHalfLifeMillis(), wholeNumber(v), i.hideWindowMillis())),
            impressions("impressions.hideWindowMillis", List.of(1.0 * DAY_MILLIS, 7.0 * DAY_MILLIS, 30.0 * DAY_MILLIS),
                    i -> i.hideWindowMillis(),
                    (i, v) -> new ImpressionSettings(i.ignoredPenalty(), i.ignoredHalfLifeMillis(), i.hideAfterIgnored(), (long) v)));

    /** Every serving knob: the fitted ones, then the rules. */
    public static final List<Knob> EVERY = java.util.stream.Stream.concat(ALL.stream(), RULES.stream()).toList();

    private ServingKnobs() {
    }

    private static int wholeNumber(double value) {
        if (value != Math.rint(value)) {
            throw new IllegalArgumentException("impressions.hideAfterIgnored must be a whole number, was " + value);
        }
        return (int) value;
    }

    private interface ImpressionGetter {
        double get(ImpressionSettings impressions);
    }

    private interface ImpressionSetter {
        ImpressionSettings set(ImpressionSettings impressions, double value);
    }

    private static Knob impressions(String name, List<Double> values, ImpressionGetter get, ImpressionSetter set) {
        return new Knob(name, values, s -> get.get(s.ranking().impressions()),
                (s, v) -> s.withRanking(s.ranking().withImpressions(set.set(s.ranking().impressions(), v))));
    }

    private interface RankingGetter {
        double get(RankingSettings ranking);
    }

    private interface RankingSetter {
        RankingSettings set(RankingSettings ranking, double value);
    }

    private interface KnnGetter {
        double get(SessionKnnSettings knn);
    }

    private interface KnnSetter {
        SessionKnnSettings set(SessionKnnSettings knn, double value);
    }

    private static Knob ranking(String name, List<Double> values, RankingGetter get, RankingSetter set) {
        return new Knob(name, values, s -> get.get(s.ranking()), (s, v) -> s.withRanking(set.set(s.ranking(), v)));
    }

    private static Knob knn(String name, List<Double> values, KnnGetter get, KnnSetter set) {
        return new Knob(name, values, s -> get.get(s.sessionKnn()), (s, v) -> s.withSessionKnn(set.set(s.sessionKnn(), v)));
    }

    /** {@code base} with every serving knob taken from {@code serving}: how fitted values apply to an engine's settings. */
    public static RecommenderSettings apply(RecommenderSettings base, RecommenderSettings serving) {
        RecommenderSettings result = base;
        for (Knob knob : EVERY) {
            result = knob.with(result, knob.valueIn(serving));
        }
        return result;
    }

    /** Each serving knob's value in {@code settings}, by knob name, in the order of {@link #EVERY}: how a tenant's settings are stored. */
    public static Map<String, Double> values(RecommenderSettings settings) {
        Map<String, Double> values = new LinkedHashMap<>();
        for (Knob knob : EVERY) {
            values.put(knob.name(), knob.valueIn(settings));
        }
        return values;
    }

    /**
     * {@code base} with each serving knob named in {@code values} set to its value; knobs not named
     * keep {@code base}'s value, and names that are no knob are left out (settings stored by another version).
     */
    public static RecommenderSettings withValues(RecommenderSettings base, Map<String, Double> values) {
        RecommenderSettings result = base;
        for (Knob knob : EVERY) {
            Double value = values.get(knob.name());
            if (value != null) {
                result = knob.with(result, value);
            }
        }
        return result;
    }

    /** Whether two settings differ only in serving knobs, so that one trained model answers for both. */
    public static boolean sameTraining(RecommenderSettings a, RecommenderSettings b) {
        return apply(a, b).equals(b);
    }
}
