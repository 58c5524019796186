package io.ecrm.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecrm.recommender.ItemNeighbours;
import io.ecrm.recommender.RecommendationQuery;
import io.ecrm.recommender.Recommender;
import io.ecrm.recommender.RecommenderSettings;
import io.ecrm.recommender.ScoredItem;
import io.ecrm.schemas.EventType;
import io.ecrm.streams.profile.CustomerProfile;
import io.ecrm.streams.segments.ProfileSource;
import io.ecrm.streams.segments.SegmentComputation;
import io.ecrm.streams.segments.SegmentDefinitions;
import io.ecrm.streams.segments.SegmentSettings;
import io.ecrm.streams.segments.SegmentSnapshot;
import io.ecrm.streams.segments.export.ExportFormat;
import io.ecrm.streams.segments.export.SegmentExport;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Segment computation and export at scale, without Kafka:
 * {@code java -Xmx1g -cp benchmarks/target/benchmarks.jar io.ecrm.benchmarks.SegmentLoad [profiles=1000000] [format=parquet] [segment=champions]}.
 * Generates the profiles on the fly from a seed (each pass sees the same ones, none is kept),
 * with skew: 35% buyers with geometric order counts and log-normal order values, recency
 * weighted to the last weeks, Zipf-distributed categories and items. Computes RFM, behaviour
 * clusters (fitted on the default 20,000-profile sample) and three rule segments, then exports
 * one segment with five recommended items per row from the real recommender over a generated
 * neighbour table. Prints the time of each step and the peak heap (sum of the heap pools' peaks).
 */
public final class SegmentLoad {
    private static final long DAY = 86_400_000L;
    private static final long NOW = 1_763_975_730_000L;
    private static final long SEED = 20_251_124L;
    private static final int ITEMS = 20_000;
    private static final int CATEGORIES = 30;
    private static final String RULES = """
            {"segments": [
              {"name": "cart-abandoners", "description": "added to cart in the last 24 h and no purchase since",
               "rule": {"all": [{"field": "lastCartAdd", "within": "24h"}, {"event": "purchase", "since": "lastCartAdd", "max": 0}]}},
              {"name": "category-0-fans", "description": "viewed category-0 3+ times this week",
               "rule": {"event": "product_view", "category": "category-0", "within": "7d", "min": 3}},
              {"name": "big-spenders", "description": "spent over 500 and bought in the last 90 days",
               "rule": {"all": [{"field": "revenue", "op": ">", "value": 500}, {"field": "lastOrder", "within": "90d"}]}}
            ]}""";

    private SegmentLoad() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        ExportFormat format = ExportFormat.named(args.length > 1 ? args[1] : "parquet").orElseThrow();
        String segment = args.length > 2 ? args[2] : "champions";
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        ProfileSource profiles = new Generated(count);

        long start = System.nanoTime();
        SegmentSnapshot snapshot = SegmentComputation.compute(profiles,
                SegmentDefinitions.parse(new ObjectMapper().readTree(RULES)), SegmentSettings.DEFAULTS, NOW);
        double computeSeconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("computed segments of %,d profiles in %.1f s (%d clusters, silhouette %.3f)%n",
                snapshot.profiles(), computeSeconds, snapshot.clusters().clusters().size(), snapshot.clusters().silhouette());
        snapshot.stats().values().forEach(s -> System.out.printf("  %-20s %-8s %,10d  avg revenue %8.2f  %s%n",
                s.name(), s.kind().wireName(), s.size(), s.averageRevenue(), s.description()));

        Recommender recommender = new Recommender(RecommenderSettings.DEFAULTS);
        Map<String, ItemNeighbours> neighbours = neighbourTable();
        List<ScoredItem> popular = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            popular.add(new ScoredItem(item(i), 100.0 - i));
        }
        SegmentExport.Recommend recommend = (profile, n) -> {
            List<String> recent = profile.recentItems().stream().map(CustomerProfile.ProfileItem::itemId).distinct().toList();
            return recommender.recommend(new RecommendationQuery(recent, Set.copyOf(recent), n),
                    id -> neighbours.getOrDefault(id, ItemNeighbours.NONE), popular).stream().map(ScoredItem::itemId).toList();
        };
        Path dir = Files.createTempDirectory("ecrm-segment-load");
        Path file = dir.resolve(segment + format.extension());
        start = System.nanoTime();
        long rows = SegmentExport.write(snapshot, segment, profiles, format, file, recommend, 5, (s, w) -> { });
        double exportSeconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("exported %,d rows of %s as %s (%,d bytes) in %.1f s%n", rows, segment, format.wireName(),
                Files.size(file), exportSeconds);
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf("total %.1f s; peak heap %,d MiB (max heap %,d MiB)%n", computeSeconds + exportSeconds,
                peak >> 20, Runtime.getRuntime().maxMemory() >> 20);
        Files.delete(file);
        Files.delete(dir);
    }

    private static String item(int i) {
        return "item-" + i;
    }

    /** Each item's 10 neighbours: nearby ids, as items of one category tend to be. */
    private static Map<String, ItemNeighbours> neighbourTable() {
        Map<String, ItemNeighbours> table = new HashMap<>();
        for (int i = 0; i < ITEMS; i++) {
            List<ScoredItem> list = new ArrayList<>();
            for (int j = 1; j <= 10; j++) {
                list.add(new ScoredItem(item((i + j * 7) % ITEMS), 1.0 / j));
            }
            table.put(item(i), new ItemNeighbours(list));
        }
        return table;
    }

    /** A million profiles that are never all in memory: profile i is made from its own seed on every pass. */
    private static final class Generated implements ProfileSource {
        private final int count;
        private final ZipfSampler categories = new ZipfSampler(CATEGORIES, 1.0);
        private final ZipfSampler items = new ZipfSampler(ITEMS, 1.1);

        Generated(int count) {
            this.count = count;
        }

        @Override
        public void forEach(Consumer<CustomerProfile> action) {
            for (int i = 0; i < count; i++) {
                action.accept(profile(i));
            }
        }

        @Override
        public long approximateCount() {
            return count;
        }

        private static long geometric(Random r, double p) {
            return (long) Math.floor(Math.log(1 - r.nextDouble()) / Math.log(1 - p));
        }

        CustomerProfile profile(int i) {
            Random r = new Random(SEED ^ (i * 0x9E3779B97F4A7C15L));
            boolean known = r.nextDouble() < 0.7;
            long lastSeen = NOW - (long) (Math.pow(r.nextDouble(), 3) * 365 * DAY);
            long firstSeen = lastSeen - (long) (r.nextDouble() * 400 * DAY);
            long sessions = 1 + geometric(r, 0.3);
            boolean buyer = r.nextDouble() < 0.35;
            long orders = buyer ? 1 + geometric(r, 0.45) : 0;
            double revenue = 0;
            for (int o = 0; o < orders; o++) {
                revenue += Math.exp(3.5 + 0.8 * r.nextGaussian());
            }
            Long lastOrder = buyer ? Math.max(firstSeen, lastSeen - (long) (r.nextDouble() * 20 * DAY)) : null;
            Map<String, Long> cats = new HashMap<>();
            int favourite = categories.sample(r);
            int recentCount = 1 + r.nextInt(CustomerProfile.RECENT_ITEMS);
            List<CustomerProfile.ProfileItem> recent = new ArrayList<>(recentCount);
            long time = lastSeen;
            long views = 0;
            long adds = 0;
            Map<String, Integer> cart = new LinkedHashMap<>();
            Long lastCartAdd = null;
            for (int k = 0; k < recentCount; k++) {
                int category = r.nextDouble() < 0.6 ? favourite : categories.sample(r);
                String itemId = item(items.sample(r));
                double kind = r.nextDouble();
                EventType type = kind < 0.8 ? EventType.PRODUCT_VIEW : kind < 0.95 || !buyer ? EventType.ADD_TO_CART : EventType.PURCHASE;
                if (type == EventType.ADD_TO_CART) {
                    adds++;
                    if (k < 3) {
                        cart.put(itemId, 1);
                        lastCartAdd = lastCartAdd == null ? time : Math.max(lastCartAdd, time);
                    }
                } else if (type == EventType.PRODUCT_VIEW) {
                    views++;
                }
                String name = "category-" + category;
                recent.add(new CustomerProfile.ProfileItem(itemId, type, time, name));
                cats.merge(name, 1L, Long::sum);
                time -= (long) (r.nextDouble() * 2 * DAY);
            }
            Map<EventType, Long> events = new EnumMap<>(EventType.class);
            events.put(EventType.PRODUCT_VIEW, views + geometric(r, 0.05));
            events.put(EventType.ADD_TO_CART, adds);
            events.put(EventType.PURCHASE, orders + geometric(r, 0.5) * Math.min(1, orders));
            long withCart = Math.min(sessions, adds);
            long converted = Math.min(withCart, orders);
            long closedMillis = sessions * (long) (60_000 * (1 + Math.exp(2 + r.nextGaussian())));
            String id = "v" + i;
            return new CustomerProfile((known ? "c:" : "a:") + id, known ? id : null, List.of(), firstSeen, lastSeen, sessions,
                    closedMillis, withCart, converted, null, events, recent, cats, orders, revenue, buyer ? "EUR" : null,
                    lastOrder, cart, lastCartAdd, List.of());
        }
    }
}
