package io.ecrm.benchmarks.harness;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.ecrm.recommender.Catalogue;
import io.ecrm.recommender.InMemoryModel;
import io.ecrm.recommender.ItemAttributes;
import io.ecrm.recommender.Recommendation;
import io.ecrm.recommender.Recommender;
import io.ecrm.recommender.RecommenderSettings;
import io.ecrm.recommender.RecommenderSources;
import io.ecrm.recommender.VisitorHistory;
import io.ecrm.schemas.ClickEvent;
import io.ecrm.serving.TenantEngine;
import io.ecrm.serving.http.HttpApi;
import io.ecrm.serving.http.routes.Recommendations;
import io.ecrm.streams.EventKinds;
import io.ecrm.streams.StreamsSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One recommendation as the route serves it, without the sockets: the visitor's decoded history
 * read from memory (as {@code TenantStreams} keeps it), the query of {@link TenantEngine.Ask}, the
 * ranker over every source (session-kNN, the visit's items, follows, similar items, popularity,
 * the catalogue's rules) and the answer written as the route writes it (JSON, straight to a
 * stream). The model learns {@value #EVENTS} events of {@code bench serve}'s shop traffic (a power
 * law over the catalogue, visits within categories) over a catalogue of 10^4 or 10^6 items; the
 * visitors asked for are those of the traffic, in turn. Sampled, so JMH prints p50, p99 and p99.9.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class ServedRecommendationBenchmark {
    static final int EVENTS = 200_000;
    private static final int VISITORS = 20_000;

    @Param({"10000", "1000000"})
    int items;

    private Recommender recommender;
    private RecommenderSources sources;
    private final Map<String, VisitorHistory> histories = new ConcurrentHashMap<>();
    private List<String> visitors;
    private final TenantEngine.Ask ask = TenantEngine.Ask.of(10);
    private final long sessionGapMillis = StreamsSettings.DEFAULTS.sessionGapMillis();
    private final JsonFactory json = HttpApi.objectMapper().getFactory();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(4_096);
    private int next;

    @Setup
    public void setUp() {
        RecommenderSettings settings = RecommenderSettings.DEFAULTS;
        InMemoryModel model = new InMemoryModel(settings);
        long[] clock = {1_700_000_000_000L};
        ShopTraffic traffic = new ShopTraffic(11, items, VISITORS, "j", () -> clock[0] += 1_000, ShopTraffic.IMPRESSION_SHARE);
        Map<String, long[]> visits = new HashMap<>(); // visitor key -> {last click, visit number}
        Map<String, List<ClickEvent>> impressions = new HashMap<>();
        for (int e = 0; e < EVENTS; e++) {
            ClickEvent event = traffic.next();
            String visitor = event.visitorKey();
            if (event.itemIds() != null) {
                impressions.computeIfAbsent(visitor, k -> new ArrayList<>()).add(event);
                continue;
            }
            long[] visit = visits.computeIfAbsent(visitor, k -> new long[] {event.timestampMillis(), 0});
            if (event.timestampMillis() - visit[0] > sessionGapMillis) {
                visit[1]++;
            }
            visit[0] = event.timestampMillis();
            EventKinds.of(event.type()).ifPresent(kind -> model.observe(visitor, visitor + "#" + visit[1], event.itemId(),
                    kind, event.timestampMillis()));
        }
        model.refresh();
        visitors = new ArrayList<>(visits.keySet());
        for (String visitor : visitors) {
            // what the lists showed, as the visitor side keeps it (the engine also forgets an item once clicked)
            VisitorHistory history = model.history(visitor);
            for (ClickEvent shown : impressions.getOrDefault(visitor, List.of())) {
                history = history.shown(shown.itemIds(), shown.timestampMillis());
            }
            histories.put(visitor, history);
        }
        Map<String, ItemAttributes> catalogue = new HashMap<>();
        for (int i = 0; i < items; i++) {
            catalogue.put(ShopTraffic.itemId(i), new ItemAttributes("c" + i / ShopTraffic.CATEGORY_SIZE, true));
        }
        Catalogue listed = itemId -> catalogue.getOrDefault(itemId, ItemAttributes.UNKNOWN);
        sources = model.sources(listed);
        recommender = new Recommender(settings);
    }

    @Benchmark
    public int recommendAsServed() throws IOException {
        String visitor = visitors.get(next++ % visitors.size());
        VisitorHistory history = histories.getOrDefault(visitor, VisitorHistory.EMPTY);
        List<Recommendation> ranked = recommender.recommend(ask.query(history, sessionGapMillis,
                recommender.settings().ranking().impressions(), System.currentTimeMillis()), sources);
        out.reset();
        try (JsonGenerator generator = json.createGenerator(out)) {
            Recommendations.writeAnswer(generator, visitor, ranked, false, Recommendations.Basis.VISITOR, null);
        }
        return out.size();
    }
}
