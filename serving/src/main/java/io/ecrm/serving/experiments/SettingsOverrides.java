package io.ecrm.serving.experiments;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecrm.recommender.RecommenderSettings;
import io.ecrm.recommender.tuning.Knob;
import io.ecrm.recommender.tuning.ServingKnobs;
import io.ecrm.schemas.EventDecoder;
import io.ecrm.schemas.FieldError;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Serving settings set by hand: a JSON object of serving knob names ({@link ServingKnobs#EVERY}) to
 * numbers, laid over a base. The one reader of such objects, for a tenant's settings and an
 * experiment arm's alike: every unknown name and every value out of its knob's range is an error
 * naming its field.
 */
public final class SettingsOverrides {
    private SettingsOverrides() {
    }

    /** {@code base} with the knobs of {@code overrides} set, or null with the errors added under {@code at}. */
    public static RecommenderSettings apply(RecommenderSettings base, JsonNode overrides, String at, List<FieldError> errors) {
        if (overrides == null || !overrides.isObject()) {
            errors.add(new FieldError(at, "must be an object of setting names to numbers"));
            return null;
        }
        Map<String, Knob> knobs = ServingKnobs.EVERY.stream().collect(Collectors.toMap(Knob::name, k -> k));
        RecommenderSettings result = base;
        int before = errors.size();
        for (Iterator<Map.Entry<String, JsonNode>> it = overrides.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String pointer = at + "/" + EventDecoder.escape(field.getKey());
            Knob knob = knobs.get(field.getKey());
            if (knob == null) {
                errors.add(new FieldError(pointer, "is no serving setting; one of " + String.join(", ", knobs.keySet().stream().sorted().toList())));
                continue;
            }
            if (!field.getValue().isNumber() || !Double.isFinite(field.getValue().doubleValue())) {
                errors.add(new FieldError(pointer, "must be a number"));
                continue;
            }
            try {
                result = knob.with(result, field.getValue().doubleValue());
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError(pointer, e.getMessage()));
            }
        }
        return errors.size() > before ? null : result;
    }
}
