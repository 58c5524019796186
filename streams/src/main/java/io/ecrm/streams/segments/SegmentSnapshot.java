package io.ecrm.streams.segments;

import io.ecrm.schemas.FieldError;
import io.ecrm.streams.profile.CustomerProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The segments of one tenant as computed at one time: the RFM quintiles, the behaviour clusters
 * and the rule definitions, with each segment's size and revenue. Holds models, not members:
 * membership of any visitor is worked out from their profile when asked, so the snapshot's size
 * does not grow with the number of customers.
 *
 * @param asOfMillis      the tenant's clock: the newest event time among its profiles; recency
 *                        and rule windows are measured back from it
 * @param updatedAtMillis when this snapshot was computed (wall clock)
 * @param profiles        profiles scanned
 * @param stats           every segment, RFM cells first, then clusters, then rules
 * @param definitionErrors rule definitions left out, with why
 */
public record SegmentSnapshot(long asOfMillis, long updatedAtMillis, long profiles, RfmModel rfm, ClusterModel clusters,
                              List<SegmentDefinition> rules, Map<String, SegmentStats> stats,
                              List<FieldError> definitionErrors) {

    /** One segment's figures. */
    public record SegmentStats(String name, SegmentKind kind, String description, long size, double revenue) {
        public double averageRevenue() {
            return size == 0 ? 0.0 : revenue / size;
        }
    }

    /** Which segments one visitor is in. */
    public record Membership(ProfileFacts facts, RfmScore rfm, String cluster, List<String> rules) {
        /** Every segment name, RFM cell first. */
        public List<String> segments() {
            List<String> names = new ArrayList<>();
            if (rfm != null) {
                names.add(rfm.cell().segmentName());
            }
            if (cluster != null) {
                names.add(cluster);
            }
            names.addAll(rules);
            return names;
        }

        public boolean in(String segment) {
            return rfm != null && rfm.cell().segmentName().equals(segment) || segment.equals(cluster) || rules.contains(segment);
        }
    }

    public Membership membership(CustomerProfile profile) {
        ProfileFacts facts = ProfileFacts.of(profile);
        int cluster = clusters.assign(facts, asOfMillis);
        List<String> matched = new ArrayList<>();
        for (SegmentDefinition rule : rules) {
            if (rule.rule().test(facts, profile, asOfMillis)) {
                matched.add(rule.name());
            }
        }
        return new Membership(facts, rfm.score(facts), cluster < 0 ? null : clusters.clusters().get(cluster).name(),
                matched);
    }

    public Optional<SegmentStats> segment(String name) {
        return Optional.ofNullable(stats.get(name));
    }
}
