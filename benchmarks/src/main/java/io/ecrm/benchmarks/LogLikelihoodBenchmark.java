package io.ecrm.benchmarks;

import io.ecrm.recommender.ItemCooccurrence;
import io.ecrm.recommender.ItemNeighbours;
import io.ecrm.recommender.LogLikelihood;
import io.ecrm.recommender.RecommenderSettings;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * LLR scoring: one 2x2 table ({@link LogLikelihood#ratio} and its similarity), and one item's
 * neighbour list from its counts ({@link ItemNeighbours#score}: 500 co-items, the most an item
 * keeps, scored and the best 50 kept), as the item side does for each changed item at every
 * neighbour refresh. Counts are power-law distributed (Zipf, s = 1, over 100,000 items). Unit: ns/op.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LogLikelihoodBenchmark {
    private static final int ITEMS = 100_000;

    private final RecommenderSettings settings = RecommenderSettings.DEFAULTS;
    private double[][] tables;
    private ItemCooccurrence[] cooccurrences;
    private double[] itemCounts;
    private Map<String, Double> countsByName;
    private double total;
    private int next;

    @Setup
    public void setUp() {
        Random random = new Random(19);
        ZipfSampler zipf = new ZipfSampler(ITEMS, 1.0);
        itemCounts = new double[ITEMS];
        countsByName = new HashMap<>(ITEMS * 2);
        for (int i = 0; i < ITEMS; i++) {
            itemCounts[i] = 1 + Math.round(1_000_000.0 / (i + 1)); // a popularity law over ranks
            countsByName.put("item-" + i, itemCounts[i]);
            total += itemCounts[i];
        }
        tables = new double[1024][];
        for (int t = 0; t < tables.length; t++) {
            double ni = itemCounts[zipf.sample(random)];
            double nj = itemCounts[zipf.sample(random)];
            double k11 = Math.floor(Math.min(ni, nj) * random.nextDouble() * 0.2);
            tables[t] = new double[] {k11, ni - k11, nj - k11, total - ni - nj + k11};
        }
        cooccurrences = new ItemCooccurrence[64];
        for (int c = 0; c < cooccurrences.length; c++) {
            int item = zipf.sample(random);
            Map<String, Double> co = new HashMap<>();
            while (co.size() < settings.maxCandidatesPerItem()) {
                int j = zipf.sample(random);
                co.put("item-" + j, (double) (1 + random.nextInt((int) Math.min(50, itemCounts[j]))));
            }
            cooccurrences[c] = new ItemCooccurrence(itemCounts[item], co);
        }
    }

    /** The co-item's count from a hash map: the cheapest lookup there is (the topology reads a store). */
    private double countOf(String item) {
        return countsByName.get(item);
    }

    @Benchmark
    public double ratioOfOneTable() {
        double[] t = tables[next++ & 1023];
        return LogLikelihood.similarity(LogLikelihood.ratio(t[0], t[1], t[2], t[3]));
    }

    @Benchmark
    public ItemNeighbours neighboursOfOneItem() {
        return ItemNeighbours.score(cooccurrences[next++ & 63], this::countOf, total, settings.maxNeighboursPerItem());
    }
}
