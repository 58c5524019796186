package io.ecrm.serving.experiments;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One arm of an {@link Experiment}.
 *
 * @param name     the arm's name, as answers name it
 * @param source   where its settings came from: {@code current} (the tenant's when the experiment started),
 *                 {@code defaults}, {@code fit} (the latest fit's choice), or {@code overrides} (current ones with
 *                 the arm's overrides)
 * @param settings every serving knob's value, by name, fixed when the experiment started
 * @param traffic  the arm's share of visitors, relative to the other arms'
 */
public record ExperimentArm(String name, String source, Map<String, Double> settings, double traffic) {
    public ExperimentArm {
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }
}
