package io.ecrm.streams.segments;

import io.ecrm.streams.profile.CustomerProfile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Computes a tenant's {@link SegmentSnapshot} in two passes over its profiles, in memory bounded
 * by the settings rather than by the number of profiles:
 * <ol>
 * <li>RFM inputs of every buyer (three primitive arrays), the tenant's clock, category counts,
 *     and a seeded uniform sample (reservoir sampling, Vitter's algorithm R) of profile facts;
 *     then quintiles, and clusters fitted on the sample;</li>
 * <li>each profile's membership, summed into segment sizes and revenue.</li>
 * </ol>
 */
public final class SegmentComputation {
    private SegmentComputation() {
    }

    public static SegmentSnapshot compute(ProfileSource source, SegmentDefinitions.Loaded definitions,
                                          SegmentSettings settings, long nowMillis) {
        RfmModel.Builder rfm = new RfmModel.Builder();
        Map<String, Long> categories = new HashMap<>();
        List<ProfileFacts> sample = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(settings.seed());
        long[] seen = {0};
        long[] asOf = {Long.MIN_VALUE};
        source.forEach(profile -> {
            ProfileFacts facts = ProfileFacts.of(profile);
            rfm.add(facts);
            asOf[0] = Math.max(asOf[0], facts.lastSeenMillis());
            facts.categoryCounts().forEach((c, n) -> categories.merge(c, n, Long::sum));
            seen[0]++;
            if (sample.size() < settings.clusterSampleSize()) {
                sample.add(facts);
            } else {
                long slot = random.nextLong(seen[0]);
                if (slot < settings.clusterSampleSize()) {
                    sample.set((int) slot, facts);
                }
            }
        });
        long clock = seen[0] == 0 ? nowMillis : asOf[0];
        BehaviourFeatures features = BehaviourFeatures.forCategories(categories, settings.categoryFeatures());
        List<double[]> vectors = new ArrayList<>(sample.size());
        for (ProfileFacts facts : sample) {
            vectors.add(features.vector(facts, clock));
        }
        sample.clear();
        ClusterModel clusters = ClusterModel.fit(vectors, features, settings);
        vectors.clear();

        SegmentSnapshot model = new SegmentSnapshot(clock, nowMillis, seen[0], rfm.build(), clusters,
                definitions.definitions(), Map.of(), definitions.errors());
        Map<String, long[]> sizes = new HashMap<>();
        Map<String, double[]> revenue = new HashMap<>();
        source.forEach((CustomerProfile profile) -> {
            SegmentSnapshot.Membership m = model.membership(profile);
            for (String segment : m.segments()) {
                sizes.computeIfAbsent(segment, s -> new long[1])[0]++;
                revenue.computeIfAbsent(segment, s -> new double[1])[0] += m.facts().revenue();
            }
        });
        Map<String, SegmentSnapshot.SegmentStats> stats = new LinkedHashMap<>();
        for (RfmCell cell : RfmCell.values()) {
            add(stats, cell.segmentName(), SegmentKind.RFM, cell.description(), sizes, revenue);
        }
        for (ClusterModel.Cluster cluster : clusters.clusters()) {
            add(stats, cluster.name(), SegmentKind.CLUSTER, cluster.description(), sizes, revenue);
        }
        for (SegmentDefinition rule : definitions.definitions()) {
            add(stats, rule.name(), SegmentKind.RULE, rule.description(), sizes, revenue);
        }
        return new SegmentSnapshot(clock, nowMillis, seen[0], model.rfm(), clusters, definitions.definitions(),
                java.util.Collections.unmodifiableMap(stats), definitions.errors());
    }

    private static void add(Map<String, SegmentSnapshot.SegmentStats> stats, String name, SegmentKind kind,
                            String description, Map<String, long[]> sizes, Map<String, double[]> revenue) {
        long size = sizes.getOrDefault(name, new long[1])[0];
        double sum = revenue.getOrDefault(name, new double[1])[0];
        stats.put(name, new SegmentSnapshot.SegmentStats(name, kind, description, size, sum));
    }
}
