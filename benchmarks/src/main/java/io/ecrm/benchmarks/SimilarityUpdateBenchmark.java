package io.ecrm.benchmarks;

import io.ecrm.recommender.EventKind;
import io.ecrm.recommender.ItemCooccurrence;
import io.ecrm.recommender.ItemUpdate;
import io.ecrm.recommender.RecommenderSettings;
import io.ecrm.recommender.VisitorHistory;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The similarity update of one product event, in process: the visitor's history observes the event
 * ({@link VisitorHistory#observe}, pairing it with up to 10 recent items) and each resulting
 * update is applied to its item's co-occurrence counts ({@link ItemCooccurrence#apply}, pruning
 * past 500 co-items). What the Streams topology does per event, without the stores and topics
 * around it. Items follow a power law (Zipf, s = 1) over the catalogue; 10,000 visitors, each
 * with 20 recent items before measuring; 90% views, 7% cart adds, 3% purchases; a seeded stream.
 * Unit: us/op (one event).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SimilarityUpdateBenchmark {
    private static final int VISITORS = 10_000;
    private static final int EVENTS = 1 << 16;

    @Param({"10000", "100000"})
    int items;

    private final RecommenderSettings settings = RecommenderSettings.DEFAULTS;
    private VisitorHistory[] histories;
    private Map<String, ItemCooccurrence> counts;
    private int[] visitorOf;
    private String[] itemOf;
    private EventKind[] kindOf;
    private long clock;
    private int next;

    @Setup
    public void setUp() {
        Random random = new Random(13);
        ZipfSampler zipf = new ZipfSampler(items, 1.0);
        String[] names = new String[items];
        for (int i = 0; i < items; i++) {
            names[i] = "item-" + i;
        }
        visitorOf = new int[EVENTS];
        itemOf = new String[EVENTS];
        kindOf = new EventKind[EVENTS];
        for (int e = 0; e < EVENTS; e++) {
            visitorOf[e] = random.nextInt(VISITORS);
            itemOf[e] = names[zipf.sample(random)];
            double r = random.nextDouble();
            kindOf[e] = r < 0.9 ? EventKind.VIEW : r < 0.97 ? EventKind.ADD_TO_CART : EventKind.PURCHASE;
        }
        histories = new VisitorHistory[VISITORS];
        java.util.Arrays.fill(histories, VisitorHistory.EMPTY);
        counts = new HashMap<>(items * 2);
        clock = 1_763_975_730_000L;
        // every visitor starts with a full history, and the counts with what that history produced
        for (int i = 0; i < VISITORS * settings.recentItemsPerVisitor(); i++) {
            event(i % VISITORS, names[zipf.sample(random)], EventKind.VIEW);
        }
    }

    private int event(int visitor, String item, EventKind kind) {
        clock += 100;
        VisitorHistory.Observed observed = histories[visitor].observe(item, kind, clock, settings);
        histories[visitor] = observed.history();
        for (ItemUpdate update : observed.updates()) {
            counts.computeIfAbsent(update.itemId(), id -> new ItemCooccurrence()).apply(update, settings.maxCandidatesPerItem());
        }
        return observed.updates().size();
    }

    @Benchmark
    public int observeAndApply() {
        int e = next++ & (EVENTS - 1);
        return event(visitorOf[e], itemOf[e], kindOf[e]);
    }
}
