package io.ecrm.serving.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.ecrm.ingest.TextFiles;
import io.ecrm.ingest.datasets.DataSetFormat;
import io.ecrm.ingest.datasets.DataSetReader;
import io.ecrm.recommender.RecommenderSettings;
import io.ecrm.recommender.evaluation.Click;
import io.ecrm.recommender.evaluation.EcrmMethod;
import io.ecrm.recommender.evaluation.EvaluationData;
import io.ecrm.recommender.evaluation.EvaluationResult;
import io.ecrm.recommender.evaluation.Evaluator;
import io.ecrm.recommender.evaluation.ItemKnnBaseline;
import io.ecrm.recommender.evaluation.PeerList;
import io.ecrm.recommender.evaluation.PeerScore;
import io.ecrm.recommender.evaluation.PopBaseline;
import io.ecrm.recommender.evaluation.RankMetrics;
import io.ecrm.recommender.evaluation.SPopBaseline;
import io.ecrm.recommender.evaluation.SessionRecommender;
import io.ecrm.recommender.evaluation.TimeSplit;
import io.ecrm.recommender.evaluation.VSkNNBaseline;
import io.ecrm.recommender.tuning.FitResult;
import io.ecrm.recommender.tuning.FitScore;
import io.ecrm.recommender.tuning.FitSettings;
import io.ecrm.recommender.tuning.SettingsFit;
import io.ecrm.recommender.tuning.ValidationSplit;
import io.ecrm.schemas.ClickEvent;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ecrm evaluate}: replays a real data set in process (no broker) by the protocol of
 * {@code EVALUATION.md} and prints HR and MRR of ecrm beside the baselines, from the same run.
 * By default ecrm is scored as the live engine would serve it: its serving knobs fitted on the
 * train file alone ({@link SettingsFit}, the last day of train as validation), before the test file
 * is read; {@code --no-tune} scores the defaults.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Measure recommendation quality on a data set by the next-item protocol, beside baselines.")
final class EvaluateCommand implements Callable<Integer> {
    private static final long SESSION_GAP_MILLIS = 30 * 60_000L;

    @Option(names = "--format", required = true, description = "One of: session-tsv, yoochoose, diginetica, retailrocket, jsonl.")
    String format;

    @Option(names = "--train", description = "Train file (with --test).")
    Path train;

    @Option(names = "--test", description = "Test file (with --train).")
    Path test;

    @Option(names = "--data", description = "One file, split by time: the sessions starting in the last day are test "
            + "(the last 7 days when the data spans more than 60 days).")
    Path data;

    @Option(names = "--no-clean", description = "Score the data as given (for data already cleaned by a published preparation).")
    boolean noClean;

    @Option(names = "--peers", description = "Folder of published top-N lists (SessionId;Position;Recommendations;Scores) to score on their rows.")
    Path peers;

    @Option(names = "--json", description = "Also write the figures to this file as JSON.")
    Path json;

    @Option(names = "--baselines", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Also run POP, S-POP, Item-KNN and V-SKNN (default: on).")
    boolean baselines;

    @Option(names = "--validation-day", paramLabel = "N",
            description = "Score a validation split carved from train instead of the test: the sessions starting on the "
                    + "N-th day from the end of train (1: the last) are test, those starting before it train.")
    Integer validationDay;

    @Option(names = "--tune", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Fit the serving knobs on train as the live engine does (its last day as validation), before "
                    + "the test is read, and score the fitted settings beside the defaults (default: on). "
                    + "--no-tune scores the defaults alone.")
    boolean tune;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        DataSetFormat dataSet = DataSetFormat.named(format);
        boolean trainAndTest = train != null && (test != null || validationDay != null);
        if ((data == null) != trainAndTest) {
            throw new IllegalArgumentException("give --train and --test (--train alone with --validation-day), or --data");
        }
        if (validationDay != null && peers != null) {
            throw new IllegalArgumentException("--peers scores the rows of the test file: it does not go with --validation-day");
        }
        PrintWriter out = spec.commandLine().getOut();
        List<Click> trainClicks;
        List<Click> testClicks;
        String name;
        if (data != null) {
            TimeSplit split = TimeSplit.lastWindow(clicks(dataSet, data));
            trainClicks = split.train();
            testClicks = split.test();
            name = data.getFileName().toString();
        } else {
            if (test != null) {
                TextFiles.requireReadable(List.of(test)); // a missing test file fails now, not after the fit
            }
            trainClicks = clicks(dataSet, train);
            testClicks = null; // read once the fit has ended: nothing chosen here ever sees the test
            name = validationDay != null ? train.getFileName().toString() : train.getFileName() + " + " + test.getFileName();
        }
        if (validationDay != null) {
            TimeSplit split = TimeSplit.window(trainClicks, validationDay, TimeSplit.DAY_MILLIS);
            trainClicks = split.train();
            testClicks = split.test();
            name += ", validation: sessions of day " + validationDay + " from the end of train as test";
        }
        FitResult fitted = tune ? fit(trainClicks, out) : null;
        if (testClicks == null) {
            testClicks = clicks(dataSet, test);
            out.printf("test file %s read after the fit: %,d clicks%n%n", test, testClicks.size());
        }
        EvaluationData prepared = EvaluationData.prepare(trainClicks, testClicks, !noClean);
        out.printf("data set: %s (%s)%n", name, format);
        out.printf("  %-44s %10s %9s %7s %10s %9s %7s%n", "step", "train", "sessions", "items", "test", "sessions", "items");
        for (EvaluationData.Step step : prepared.steps()) {
            out.printf("  %-44s %,10d %,9d %,7d %,10d %,9d %,7d%n", step.name(), step.trainClicks(), step.trainSessions(),
                    step.trainItems(), step.testClicks(), step.testSessions(), step.testItems());
        }
        out.printf("  prefixes scored: %,d%n%n", prepared.prefixes());
        out.flush();

        RecommenderSettings served = fitted != null ? fitted.settings() : RecommenderSettings.DEFAULTS;
        List<SessionRecommender> methods = new ArrayList<>();
        methods.add(new EcrmMethod(served));
        if (fitted != null && !served.equals(RecommenderSettings.DEFAULTS)) {
            methods.add(new EcrmMethod(RecommenderSettings.DEFAULTS, "ecrm-defaults"));
        }
        if (baselines) {
            methods.add(new PopBaseline());
            methods.add(new SPopBaseline());
            methods.add(new ItemKnnBaseline());
            methods.add(new VSkNNBaseline());
        }
        Evaluator evaluator = new Evaluator(prepared);
        List<EvaluationResult> results = new ArrayList<>();
        out.printf("%-13s %7s %7s %7s %7s %7s %7s | %9s %9s | %7s %7s %9s %7s %7s%n", "method", "HR@20", "MRR@20", "HR@10",
                "MRR@10", "HR@5", "MRR@5", "HR@20-px", "MRR@20-px", "cover", "popbias", "recs/s", "p50us", "p99us");
        for (SessionRecommender method : methods) {
            long t0 = System.nanoTime();
            method.train(prepared.train());
            System.err.printf("%s trained in %.1f s%n", method.name(), (System.nanoTime() - t0) / 1e9);
            EvaluationResult r = evaluator.evaluate(method);
            results.add(r);
            RankMetrics m = r.withPrefix();
            out.printf("%-13s %7.3f %7.3f %7.3f %7.3f %7.3f %7.3f | %9.3f %9.3f | %7.3f %7.3f %,9.0f %7.1f %7.1f%n", r.method(),
                    m.hitRate(20), m.mrr(20), m.hitRate(10), m.mrr(10), m.hitRate(5), m.mrr(5),
                    r.withoutPrefix().hitRate(20), r.withoutPrefix().mrr(20), r.coverage(), r.popularityBias(),
                    r.recommendationsPerSecond(), r.p50Micros(), r.p99Micros());
            out.flush();
        }
        out.println("(-px: the same lists with the prefix's own items removed)");

        List<PeerScore> peerScores = new ArrayList<>();
        if (peers != null) {
            out.printf("%npublished lists, scored on their own rows beside ecrm on the same rows (ecrm trained, like them, on the train file as given):%n");
            SessionRecommender ours = new EcrmMethod(served);
            ours.train(prepared.peerTrain());
            out.printf("%-10s %6s %7s %7s | %9s %9s%n", "peer", "rows", "HR@20", "MRR@20", "ecrm HR@20", "ecrm MRR@20");
            try (Stream<Path> files = Files.list(peers)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".csv.gz") || f.toString().endsWith(".csv")).sorted().toList()) {
                    PeerScore score = PeerScore.score(PeerList.read(file), prepared, ours);
                    peerScores.add(score);
                    out.printf("%-10s %6d %7.3f %7.3f | %9.3f %9.3f%n", score.method(), score.rows(),
                            score.peer().hitRate(20), score.peer().mrr(20), score.ours().hitRate(20), score.ours().mrr(20));
                }
            }
        }
        out.flush();
        if (json != null) {
            writeJson(name, prepared, results, peerScores, fitted);
            out.println("figures written to " + json);
        }
        return 0;
    }

    /** The fit on train alone, as the live engine makes it, with a progress line; null when train is too small. */
    private FitResult fit(List<Click> trainClicks, PrintWriter out) {
        SettingsFit fit = new SettingsFit(FitSettings.DEFAULTS);
        ValidationSplit split = fit.split(trainClicks);
        out.printf("fit on train alone: %,d visits, the latest %,d as validation (%,d scored, %,d prefixes)%n",
                split.visits(), split.validation(), split.data().test().size(), split.data().prefixes());
        out.flush();
        if (!split.enough(FitSettings.DEFAULTS)) {
            out.printf("  too few visits to fit (at least %,d of two or more clicks): the defaults are scored%n%n",
                    FitSettings.DEFAULTS.minVisits());
            return null;
        }
        Progress progress = new Progress(System.err, "fit");
        FitResult result = fit.fit(split, RecommenderSettings.DEFAULTS,
                p -> progress.bar(p.evaluations() / (double) p.planned(), String.format("%d candidates, best %.4f / %.4f, %s",
                        p.evaluations(), p.best().hitRate(), p.best().mrr(), p.stage())));
        System.err.println();
        out.printf("  %-10s %7s %7s   (validation)%n", "candidate", "HR@20", "MRR@20");
        for (String candidate : FitResult.candidateNames()) {
            if (candidate.equals(FitResult.CURRENT)) {
                continue; // the current settings are the defaults here
            }
            FitScore score = result.candidates().get(candidate);
            out.printf("  %-10s %7.4f %7.4f%n", candidate, score.hitRate(), score.mrr());
        }
        out.printf("  %-10s %7.4f %7.4f%n", "chosen", result.chosen().hitRate(), result.chosen().mrr());
        out.printf("  chosen: %s%n", result.changes().isEmpty() ? "the defaults" : "from the defaults, " + result.changes());
        out.printf("  searched from %s, %d candidates in %.1f s%n%n", result.start(), result.evaluations(), result.millis() / 1000.0);
        out.flush();
        return result;
    }

    private void writeJson(String name, EvaluationData prepared, List<EvaluationResult> results, List<PeerScore> peerScores,
                           FitResult fitted) throws IOException {
        Map<String, Object> dataset = new LinkedHashMap<>();
        dataset.put("name", name);
        dataset.put("format", format);
        dataset.put("cleaned", !noClean);
        dataset.put("steps", prepared.steps());
        dataset.put("prefixes", prepared.prefixes());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (EvaluationResult r : results) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("method", r.method());
            for (int cutoff : RankMetrics.CUTOFFS) {
                row.put("hr@" + cutoff, r.withPrefix().hitRate(cutoff));
                row.put("mrr@" + cutoff, r.withPrefix().mrr(cutoff));
            }
            row.put("hr@20_without_prefix_items", r.withoutPrefix().hitRate(20));
            row.put("mrr@20_without_prefix_items", r.withoutPrefix().mrr(20));
            row.put("coverage", r.coverage());
            row.put("popularity_bias", r.popularityBias());
            row.put("recommendations_per_second", r.recommendationsPerSecond());
            row.put("p50_us", r.p50Micros());
            row.put("p99_us", r.p99Micros());
            rows.add(row);
        }
        List<Map<String, Object>> peerRows = new ArrayList<>();
        for (PeerScore p : peerScores) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("method", p.method());
            row.put("rows", p.rows());
            row.put("hr@20", p.peer().hitRate(20));
            row.put("mrr@20", p.peer().mrr(20));
            row.put("ours_hr@20", p.ours().hitRate(20));
            row.put("ours_mrr@20", p.ours().mrr(20));
            peerRows.add(row);
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("dataset", dataset);
        document.put("results", rows);
        document.put("peers", peerRows);
        if (fitted != null) {
            Map<String, Object> fit = new LinkedHashMap<>();
            fit.put("chosen", fitted.changes());
            fit.put("start", fitted.start());
            fit.put("validation_visits", fitted.validationVisits());
            fit.put("validation_prefixes", fitted.prefixes());
            fit.put("evaluations", fitted.evaluations());
            fit.put("millis", fitted.millis());
            Map<String, Object> scores = new LinkedHashMap<>();
            for (String candidate : FitResult.candidateNames()) {
                FitScore score = fitted.candidates().get(candidate);
                scores.put(candidate, Map.of("validation_hr@20", score.hitRate(), "validation_mrr@20", score.mrr()));
            }
            scores.put("chosen", Map.of("validation_hr@20", fitted.chosen().hitRate(), "validation_mrr@20", fitted.chosen().mrr()));
            fit.put("validation", scores);
            fit.put("settings", fitted.settings());
            document.put("fit", fit);
        }
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), document);
    }

    /** Reads a file's events as clicks; events without a session are sessionised by a 30-minute gap per visitor. */
    private static List<Click> clicks(DataSetFormat format, Path file) throws IOException {
        TextFiles.requireReadable(List.of(file));
        List<ClickEvent> events = new ArrayList<>();
        long[] refused = {0};
        new DataSetReader(format).read(file, line -> {
            if (line.ok()) {
                events.add(line.event());
            } else {
                refused[0]++;
            }
        });
        if (refused[0] > 0) {
            System.err.printf("%s: %,d lines are not events and were left out%n", file, refused[0]);
        }
        List<Click> clicks = new ArrayList<>(events.size());
        Map<String, List<ClickEvent>> unsessioned = new HashMap<>();
        for (ClickEvent e : events) {
            if (e.itemId() == null) {
                continue;
            }
            if (e.sessionId() != null) {
                clicks.add(new Click(e.sessionId(), e.itemId(), e.timestampMillis()));
            } else {
                unsessioned.computeIfAbsent(e.visitorKey(), v -> new ArrayList<>()).add(e);
            }
        }
        unsessioned.forEach((visitor, list) -> {
            list.sort(Comparator.comparingLong(ClickEvent::timestampMillis));
            int session = 0;
            for (int i = 0; i < list.size(); i++) {
                if (i > 0 && list.get(i).timestampMillis() - list.get(i - 1).timestampMillis() > SESSION_GAP_MILLIS) {
                    session++;
                }
                clicks.add(new Click(visitor + "#" + session, list.get(i).itemId(), list.get(i).timestampMillis()));
            }
        });
        return clicks;
    }
}
