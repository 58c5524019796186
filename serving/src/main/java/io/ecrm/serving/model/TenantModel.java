package io.ecrm.serving.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a tenant's model topic holds: the fitted serving settings in use (knob name to value; null
 * while the configured settings are served), the fit that chose them, and the last fits, newest
 * first, at most {@link #KEPT}.
 */
public record TenantModel(Map<String, Double> settings, FitRecord fitted, List<FitRecord> fits) {
    public static final int KEPT = 20;
    public static final TenantModel NONE = new TenantModel(null, null, List.of());

    public TenantModel {
        settings = settings == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        fits = fits == null ? List.of() : List.copyOf(fits);
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
        return fit.applied() ? new TenantModel(fittedSettings, fit, next) : new TenantModel(settings, fitted, next);
    }
}
