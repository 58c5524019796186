package io.ecrm.serving.model;

import io.ecrm.serving.experiments.Experiment;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a tenant's model topic holds: the serving settings in use (knob name to value; null while
 * the configured settings are served), the fit that chose them (null when none did: configured, set
 * by hand or promoted from an experiment), the last fits, newest first, at most {@link #KEPT}, and
 * the tenant's experiments, at most one of them running.
 */
public record TenantModel(Map<String, Double> settings, FitRecord fitted, List<FitRecord> fits, List<Experiment> experiments) {
    public static final int KEPT = 20;
    public static final TenantModel NONE = new TenantModel(null, null, List.of(), List.of());

    public TenantModel {
        settings = settings == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        fits = fits == null ? List.of() : List.copyOf(fits);
        experiments = experiments == null ? List.of() : List.copyOf(experiments);
    }

    /** The running experiment, or null. */
    public Experiment runningExperiment() {
        return experiments.stream().filter(Experiment::running).findFirst().orElse(null);
    }

    /** The experiment of this name, or null. */
    public Experiment experiment(String name) {
        return experiments.stream().filter(e -> e.name().equals(name)).findFirst().orElse(null);
    }

    /** This model with the experiment added, or replacing the one of its name. */
    public TenantModel with(Experiment experiment) {
        return new TenantModel(settings, fitted, fits, experiment.into(experiments));
    }

    /** This model serving {@code chosen} (every knob's value), chosen by no fit. */
    public TenantModel withSettings(Map<String, Double> chosen) {
        return new TenantModel(chosen, null, fits, experiments);
    }

    /** The latest fit, or null before the first. */
    public FitRecord latest() {
        return fits.isEmpty() ? null : fits.get(0);
    }

    /**
     * This model after a fit: the fit first among the last fits; when it is applied, its settings
     * in use and it the fit that chose them.
     */
    public TenantModel after(FitRecord fit, Map<String, Double> fittedSettings) {
        List<FitRecord> next = new ArrayList<>(KEPT);
        next.add(fit);
        for (FitRecord earlier : fits) {
            if (next.size() == KEPT) {
                break;
            }
            next.add(earlier);
        }
        return fit.applied() ? new TenantModel(fittedSettings, fit, next, experiments)
                : new TenantModel(settings, fitted, next, experiments);
    }
}
