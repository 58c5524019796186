package io.ecrm.benchmarks;

import io.ecrm.recommender.Catalogue;
import io.ecrm.recommender.EventKind;
import io.ecrm.recommender.InMemoryModel;
import io.ecrm.recommender.Recommendation;
import io.ecrm.recommender.RecommendationQuery;
import io.ecrm.recommender.Recommender;
import io.ecrm.recommender.RecommenderSettings;
import io.ecrm.recommender.RecommenderSources;
import io.ecrm.recommender.evaluation.Click;
import io.ecrm.recommender.evaluation.EvaluationData;
import io.ecrm.recommender.evaluation.Session;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
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
 * The recommend call of {@code ecrm evaluate} in process, all sources on (session-kNN, repeat,
 * follows, similar items, rules and fill): the model trained on yoochoose-100k's train file as
 * evaluate trains it, queried with every prefix of every cleaned test session in turn, the prefix
 * as the visitor's current session. Sampled, so JMH prints p50, p99 and p99.9. Reads
 * {@code ../shared/data/yoochoose-100k} (or {@code -Decrm.data=DIR}) from the working directory.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = "-Xmx1g")
public class SessionRecommendBenchmark {
    private Recommender recommender;
    private RecommenderSources sources;
    private List<RecommendationQuery> queries;
    private int next;

    @Setup
    public void setUp() throws IOException {
        Path dir = Path.of(System.getProperty("ecrm.data", "../shared/data")).resolve("yoochoose-100k");
        EvaluationData data = EvaluationData.prepare(read(dir.resolve("train.tsv.gz")), read(dir.resolve("test.tsv.gz")), true);
        RecommenderSettings settings = RecommenderSettings.DEFAULTS;
        InMemoryModel model = new InMemoryModel(settings);
        for (Session session : data.train()) {
            for (int k = 0; k < session.length(); k++) {
                model.observe(session.id(), session.id(), session.items().get(k), EventKind.VIEW, session.clickMillis().get(k));
            }
        }
        model.refresh();
        recommender = new Recommender(settings);
        sources = model.sources(Catalogue.NONE);
        queries = new ArrayList<>();
        for (Session session : data.test()) {
            for (int k = 1; k < session.length(); k++) {
                queries.add(RecommendationQuery.builder().session(session.items().subList(0, k)).count(20).build());
            }
        }
    }

    private static List<Click> read(Path file) throws IOException {
        if (!Files.isReadable(file)) {
            throw new IOException(file.toAbsolutePath() + " is not readable: run from the project root with ../shared/data, "
                    + "or give -Decrm.data=DIR");
        }
        List<Click> clicks = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
            reader.readLine(); // SessionId, ItemId, Time (Unix seconds)
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String[] f = line.split("\t");
                clicks.add(new Click(f[0], f[1], Math.round(Double.parseDouble(f[2]) * 1000)));
            }
        }
        return clicks;
    }

    @Benchmark
    public List<Recommendation> recommend() {
        RecommendationQuery query = queries.get(next);
        next = (next + 1) % queries.size();
        return recommender.recommend(query, sources);
    }
}
