package io.ecrm.streams.segments;

import static io.ecrm.streams.segments.TestProfiles.DAY;
import static io.ecrm.streams.segments.TestProfiles.NOW;
import static io.ecrm.streams.segments.TestProfiles.customer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecrm.schemas.EventType;
import io.ecrm.streams.profile.CustomerProfile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Three kinds of visitor, planted with noise: k-means++ with the silhouette finds them, and says what they are. */
class ClusterModelTest {
    private static final int PER_GROUP = 60;
    private static final List<String> GROUPS = List.of("shoe-browsers", "book-buyers", "lapsed-abandoners");

    private static List<CustomerProfile> planted(long seed) {
        Random random = new Random(seed);
        List<CustomerProfile> profiles = new ArrayList<>();
        for (int i = 0; i < PER_GROUP; i++) {
            int v = random.nextInt(5);
            profiles.add(customer("shoe-browsers-" + i).seen(NOW - 60 * DAY, NOW - random.nextInt(3) * DAY)
                    .visits(5, 5 * (20 + v) * 60_000L, 0, 0)
                    .events(EventType.PRODUCT_VIEW, 28 + v).category("shoes", 25 + v).category("bags", 3).build());
            profiles.add(customer("book-buyers-" + i).seen(NOW - 300 * DAY, NOW - (1 + random.nextInt(4)) * DAY)
                    .visits(10, 10 * (5 + v) * 60_000L, 8, 8).orders(7 + v % 3, 380 + 10 * v, NOW - (1 + v) * DAY)
                    .events(EventType.PRODUCT_VIEW, 10 + v).events(EventType.PURCHASE, 12 + v)
                    .category("books", 20 + v).category("shoes", 2).build());
            profiles.add(customer("lapsed-abandoners-" + i).seen(NOW - 400 * DAY, NOW - (150 + random.nextInt(50)) * DAY)
                    .visits(4, 4 * (15 + v) * 60_000L, 4, 0)
                    .events(EventType.PRODUCT_VIEW, 8 + v).events(EventType.ADD_TO_CART, 4)
                    .category("electronics", 10 + v).build());
        }
        return profiles;
    }

    private static SegmentSnapshot compute(List<CustomerProfile> profiles, SegmentSettings settings) {
        return SegmentComputation.compute(TestProfiles.source(profiles), new SegmentDefinitions.Loaded(List.of(), List.of()),
                settings, NOW);
    }

    private static String group(CustomerProfile p) {
        return p.customerId().substring(0, p.customerId().lastIndexOf('-'));
    }

    @Test
    void recoversPlantedClustersAndDescribesThem() {
        List<CustomerProfile> profiles = planted(7);
        SegmentSnapshot snapshot = compute(profiles, SegmentSettings.DEFAULTS);
        ClusterModel model = snapshot.clusters();
        assertEquals(3, model.clusters().size(), "k chosen by silhouette");

        Map<String, Set<String>> clustersOfGroup = new HashMap<>();
        for (CustomerProfile p : profiles) {
            clustersOfGroup.computeIfAbsent(group(p), g -> new HashSet<>()).add(snapshot.membership(p).cluster());
        }
        Set<String> used = new HashSet<>();
        for (String g : GROUPS) {
            assertEquals(1, clustersOfGroup.get(g).size(), g + " lands in one cluster: " + clustersOfGroup.get(g));
            used.addAll(clustersOfGroup.get(g));
        }
        assertEquals(3, used.size(), "each group has a cluster of its own");

        Map<String, String> described = new HashMap<>();
        for (ClusterModel.Cluster c : model.clusters()) {
            described.put(c.name(), c.description());
            assertEquals(PER_GROUP, c.sampleSize());
        }
        String browsers = clustersOfGroup.get("shoe-browsers").iterator().next();
        String buyers = clustersOfGroup.get("book-buyers").iterator().next();
        String lapsed = clustersOfGroup.get("lapsed-abandoners").iterator().next();
        assertEquals("frequent browsers of shoes who rarely buy, with long visits", described.get(browsers));
        assertTrue(described.get(buyers).contains("of books") && described.get(buyers).contains("who buy regularly"),
                described.get(buyers));
        assertTrue(described.get(lapsed).startsWith("lapsed visitors of electronics who fill carts but rarely buy"),
                described.get(lapsed));
        assertEquals(PER_GROUP, snapshot.stats().get(browsers).size());
        assertTrue(model.silhouette() > 0.5, "well separated: " + model.silhouette());
    }

    @Test
    void aRerunGivesTheSameClusters() {
        List<CustomerProfile> profiles = planted(11);
        SegmentSettings small = new SegmentSettings(0, 2, 6, 100, 50, 100, 8, 5L, 0, 5); // a sample: the seed matters
        ClusterModel first = compute(profiles, small).clusters();
        ClusterModel second = compute(profiles, small).clusters();
        assertEquals(first.clusters(), second.clusters());
    }

    @Test
    void aGivenKIsKept() {
        SegmentSnapshot snapshot = compute(planted(3), SegmentSettings.DEFAULTS.withClusters(5));
        assertEquals(5, snapshot.clusters().clusters().size());
        assertEquals(List.of("cluster-1", "cluster-2", "cluster-3", "cluster-4", "cluster-5"),
                snapshot.clusters().clusters().stream().map(ClusterModel.Cluster::name).toList());
    }
}
