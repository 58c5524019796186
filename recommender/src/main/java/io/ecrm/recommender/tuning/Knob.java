package io.ecrm.recommender.tuning;

import io.ecrm.recommender.RecommenderSettings;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * One serving knob of the recommender as the fit sees it: its name (the settings field it sets),
 * the values the search tries, and how to read and set it.
 */
public record Knob(String name, List<Double> values, ToDoubleFunction<RecommenderSettings> get, Setter set) {
    /** Sets the knob to a value, everything else held. */
    @FunctionalInterface
    public interface Setter {
        RecommenderSettings apply(RecommenderSettings settings, double value);
    }

    public Knob {
        values = List.copyOf(values);
    }

    public double valueIn(RecommenderSettings settings) {
        return get.applyAsDouble(settings);
    }

    public RecommenderSettings with(RecommenderSettings settings, double value) {
        return set.apply(settings, value);
    }
}
