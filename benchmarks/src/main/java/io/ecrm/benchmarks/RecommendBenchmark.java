package io.ecrm.benchmarks;

import io.ecrm.recommender.ItemNeighbours;
import io.ecrm.recommender.RecommendationQuery;
import io.ecrm.recommender.Recommender;
import io.ecrm.recommender.RecommenderSettings;
import io.ecrm.recommender.ScoredItem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
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
 * One recommendation query in process: blending the neighbour lists of a visitor's 10 recent
 * items, excluding seen items, top-k and popularity backfill. Catalogue items follow a power law
 * (Zipf, s = 1), as real shops' do, both as recent items and as neighbours; every item has a full
 * list of 50 neighbours, the most a list holds. At 10^6 items the table takes about 2 GB, hence the
 * fork's 3 GB heap. Unit: us/op.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
public class RecommendBenchmark {
    @Param({"10000", "100000", "1000000"})
    int items;

    private Map<String, ItemNeighbours> neighbours;
    private List<ScoredItem> popular;
    private List<RecommendationQuery> queries;
    private Recommender recommender;
    private int next;

    @Setup
    public void setUp() {
        Random random = new Random(7);
        ZipfSampler zipf = new ZipfSampler(items, 1.0);
        RecommenderSettings settings = RecommenderSettings.DEFAULTS;
        neighbours = new HashMap<>(items * 2);
        // one String per item, shared by every list naming it, as a store's deserialised lists are not:
        // without sharing, 10^6 items x 50 neighbours would not fit a modest heap
        String[] names = new String[items];
        for (int i = 0; i < items; i++) {
            names[i] = "item-" + i;
        }
        for (int i = 0; i < items; i++) {
            List<ScoredItem> list = new ArrayList<>(settings.maxNeighboursPerItem());
            Set<Integer> taken = new HashSet<>();
            while (list.size() < settings.maxNeighboursPerItem()) {
                int j = zipf.sample(random);
                if (j != i && taken.add(j)) {
                    list.add(new ScoredItem(names[j], random.nextDouble()));
                }
            }
            list.sort((a, b) -> Double.compare(b.score(), a.score()));
            neighbours.put(names[i], new ItemNeighbours(list));
        }
        popular = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            popular.add(new ScoredItem(names[i], 1.0 / (i + 1)));
        }
        queries = new ArrayList<>();
        for (int q = 0; q < 1024; q++) {
            List<String> recent = new ArrayList<>();
            for (int r = 0; r < 10; r++) {
                recent.add(names[zipf.sample(random)]);
            }
            queries.add(new RecommendationQuery(recent, new HashSet<>(recent), 10));
        }
        recommender = new Recommender(settings);
    }

    @Benchmark
    public List<ScoredItem> recommend() {
        RecommendationQuery query = queries.get(next++ & 1023);
        return recommender.recommend(query, item -> neighbours.getOrDefault(item, ItemNeighbours.NONE), popular);
    }
}
