package io.ecrm.serving.experiments;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecrm.recommender.RecommenderSettings;
import io.ecrm.recommender.tuning.ServingKnobs;
import io.ecrm.schemas.EventDecoder;
import io.ecrm.schemas.FieldError;
import io.ecrm.schemas.RecommendationIds;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the body of {@code PUT /v1/experiments/{name}} into an {@link Experiment}, each arm's
 * settings resolved once, at the start, into every serving knob's value:
 * <pre>{"arms": [{"name": "control"}, {"name": "fitted", "settings": "fit", "traffic": 1},
 *          {"name": "strict", "settings": "current", "overrides": {"impressions.hideAfterIgnored": 2}}]}</pre>
 * {@code settings} is {@code current} (the default: the tenant's in use), {@code defaults}, or {@code fit}
 * (the latest fit's choice, applied or not); {@code overrides} then sets knobs by name; {@code traffic}
 * (default 1) is the arm's share relative to the others'. Every bad field is named at once.
 */
public final class ExperimentPlan {
    public static final int MIN_ARMS = 2;
    public static final int MAX_ARMS = 10;
    public static final int MAX_NAME_LENGTH = 64;
    private static final Set<String> FIELDS = Set.of("arms");
    private static final Set<String> ARM_FIELDS = Set.of("name", "settings", "overrides", "traffic");

    /** What the arms may start from. */
    public record Sources(RecommenderSettings current, RecommenderSettings defaults, RecommenderSettings fit) {
    }

    /** The experiment, or the reasons it was refused. */
    public record Parsed(Experiment experiment, List<FieldError> errors) {
    }

    private ExperimentPlan() {
    }

    public static Parsed parse(String name, int serial, long nowMillis, JsonNode body, Sources sources) {
        List<FieldError> errors = new ArrayList<>();
        if (body == null || !body.isObject()) {
            return new Parsed(null, List.of(new FieldError("", "expected an object with the experiment's arms")));
        }
        EventDecoder.unknownFields(body, FIELDS, "", errors);
        JsonNode arms = body.get("arms");
        if (arms == null || !arms.isArray() || arms.size() < MIN_ARMS || arms.size() > MAX_ARMS) {
            errors.add(new FieldError("/arms", "must be an array of " + MIN_ARMS + " to " + MAX_ARMS + " arms"));
            return new Parsed(null, errors);
        }
        List<ExperimentArm> parsed = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < arms.size(); i++) {
            ExperimentArm arm = arm(arms.get(i), "/arms/" + i, sources, names, errors);
            if (arm != null) {
                parsed.add(arm);
            }
        }
        if (!errors.isEmpty()) {
            return new Parsed(null, errors);
        }
        return new Parsed(new Experiment(name, serial, Experiment.RUNNING, Instant.ofEpochMilli(nowMillis).toString(), null,
                parsed, null), List.of());
    }

    /** The serial of a new experiment of a tenant whose experiments took {@code taken}: the next, or -1 when all are used. */
    public static int nextSerial(List<Experiment> taken) {
        int last = taken.stream().mapToInt(Experiment::serial).max().orElse(0);
        return last < RecommendationIds.MAX_SERIAL ? last + 1 : -1;
    }

    private static ExperimentArm arm(JsonNode node, String at, Sources sources, Set<String> names, List<FieldError> errors) {
        if (node == null || !node.isObject()) {
            errors.add(new FieldError(at, "must be an object"));
            return null;
        }
        int before = errors.size();
        EventDecoder.unknownFields(node, ARM_FIELDS, at, errors);
        JsonNode nameNode = node.get("name");
        String name = nameNode != null && nameNode.isTextual() ? nameNode.textValue() : null;
        if (name == null || name.isBlank() || name.length() > MAX_NAME_LENGTH || name.chars().anyMatch(Character::isISOControl)) {
            errors.add(new FieldError(at + "/name", "must be a name of 1 to " + MAX_NAME_LENGTH + " characters, no control characters"));
        } else if (!names.add(name)) {
            errors.add(new FieldError(at + "/name", "repeats another arm's name"));
        }
        JsonNode sourceNode = node.get("settings");
        String source = sourceNode == null || sourceNode.isNull() ? "current" : sourceNode.isTextual() ? sourceNode.textValue() : "";
        RecommenderSettings base = switch (source) {
            case "current" -> sources.current();
            case "defaults" -> sources.defaults();
            case "fit" -> sources.fit();
            default -> null;
        };
        if (base == null) {
            errors.add(new FieldError(at + "/settings", source.equals("fit")
                    ? "no fit has chosen settings yet: run one with POST /v1/model/tuning"
                    : "must be current, defaults or fit"));
        }
        JsonNode trafficNode = node.get("traffic");
        double traffic = 1;
        if (trafficNode != null && !trafficNode.isNull()) {
            traffic = trafficNode.isNumber() ? trafficNode.doubleValue() : -1;
            if (!(traffic > 0) || !Double.isFinite(traffic)) {
                errors.add(new FieldError(at + "/traffic", "must be a number above 0 (the arm's share, relative to the others')"));
            }
        }
        RecommenderSettings settings = base;
        boolean overridden = node.has("overrides") && !node.get("overrides").isNull();
        if (overridden && base != null) {
            settings = SettingsOverrides.apply(base, node.get("overrides"), at + "/overrides", errors);
        }
        if (errors.size() > before) {
            return null;
        }
        Map<String, Double> values = ServingKnobs.values(settings);
        return new ExperimentArm(name, overridden ? source + "+overrides" : source, values, traffic);
    }
}
