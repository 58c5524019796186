package io.ecrm.streams.segments;

import io.ecrm.schemas.EventType;
import io.ecrm.streams.profile.CustomerProfile;
import java.util.List;

/**
 * A rule segment's condition, as parsed by {@link RuleParser} from its JSON form. A condition
 * about something the visitor does not have (a last order, for one who never bought) is false.
 */
public sealed interface Rule {
    /** Whether the visitor belongs, as of {@code asOfMillis} (the tenant's clock). */
    boolean test(ProfileFacts facts, CustomerProfile profile, long asOfMillis);

    /** {@code {"all": [...]}}: every condition holds (true for none). */
    record All(List<Rule> rules) implements Rule {
        public boolean test(ProfileFacts facts, CustomerProfile profile, long asOf) {
            return rules.stream().allMatch(r -> r.test(facts, profile, asOf));
        }
    }

    /** {@code {"any": [...]}}: at least one condition holds. */
    record Any(List<Rule> rules) implements Rule {
        public boolean test(ProfileFacts facts, CustomerProfile profile, long asOf) {
            return rules.stream().anyMatch(r -> r.test(facts, profile, asOf));
        }
    }

    /** {@code {"not": {...}}}. */
    record Not(Rule rule) implements Rule {
        public boolean test(ProfileFacts facts, CustomerProfile profile, long asOf) {
            return !rule.test(facts, profile, asOf);
        }
    }

    /** {@code {"field": "revenue", "op": ">", "value": 500}}. */
    record Compare(RuleFields.Number field, String op, double value) implements Rule {
        public boolean test(ProfileFacts facts, CustomerProfile profile, long asOf) {
            Double actual = field.of(facts, asOf);
            if (actual == null) {
                return false;
            }
            return switch (op) {
                case ">" -> actual > value;
                case ">=" -> actual >= value;
                case "<" -> actual < value;
                case "<=" -> actual <= value;
                case "==" -> actual == value;
                case "!=" -> actual != value;
                default -> throw new IllegalStateException("unknown operator " + op);
            };
        }
    }

    /** {@code {"field": "topCategory", "op": "==", "value": "shoes"}} (also {@code "!="}). */
    record TextCompare(RuleFields.Text field, boolean equal, String value) implements Rule {
        public boolean test(ProfileFacts facts, CustomerProfile profile, long asOf) {
            String actual = field.of(facts);
            return actual != null && actual.equals(value) == equal;
        }
    }

    /** {@code {"field": "lastCartAdd", "within": "24h"}}: the time is no longer ago than the duration. */
    record Within(RuleFields.Time field, long millis) implements Rule {
        public boolean test(ProfileFacts facts, CustomerProfile profile, long asOf) {
            Long time = field.of(facts);
            return time != null && asOf - time <= millis;
        }
    }

    /**
     * {@code {"event": "product_view", "category": "shoes", "within": "7d", "min": 3}}: how many of
     * the visitor's recent item events ({@link CustomerProfile#RECENT_ITEMS} at most) are of that
     * type (and category, and item), within the duration and after the {@code since} time, between
     * {@code min} and {@code max} inclusive.
     */
    record EventCount(EventType type, String category, String item, Long withinMillis, RuleFields.Time since, int min,
                      int max) implements Rule {
        public boolean test(ProfileFacts facts, CustomerProfile profile, long asOf) {
            Long after = null;
            if (since != null) {
                after = since.of(facts);
                if (after == null) {
                    return false;
                }
            }
            int count = 0;
            for (CustomerProfile.ProfileItem i : profile.recentItems()) {
                if (i.type() != type || (category != null && !category.equals(i.category()))
                        || (item != null && !item.equals(i.itemId()))
                        || (withinMillis != null && asOf - i.timestampMillis() > withinMillis)
                        || (after != null && i.timestampMillis() <= after)) {
                    continue;
                }
                count++;
            }
            return count >= min && count <= max;
        }
    }
}
