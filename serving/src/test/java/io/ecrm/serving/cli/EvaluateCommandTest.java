package io.ecrm.serving.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluateCommandTest {
    @TempDir
    Path dir;

    private static Path sharedData() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("shared/data"))) {
                return p.resolve("shared/data");
            }
        }
        return null;
    }

    private JsonNode run(String... args) throws Exception {
        Path json = dir.resolve("figures.json");
        StringWriter out = new StringWriter();
        picocli.CommandLine cli = EcrmCommand.commandLine();
        cli.setOut(new PrintWriter(out));
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--json";
        all[args.length + 1] = json.toString();
        assertEquals(0, cli.execute(all), out::toString);
        return new ObjectMapper().readTree(json.toFile());
    }

    @Test
    void evaluatesASmallSingleFileSplitByTime() throws Exception {
        Path file = tinyDataSet();
        JsonNode figures = run("evaluate", "--format", "session-tsv", "--data", file.toString());
        assertEquals(10, figures.at("/dataset/prefixes").asInt(), "the 10 sessions of the last day are test");
        JsonNode ecrm = figures.at("/results/0");
        assertEquals("ecrm", ecrm.get("method").asText());
        assertEquals(1.0, ecrm.get("hr@20").asDouble(), "b always follows a");
        assertTrue(figures.get("results").size() == 5);
    }

    /** 40 sessions of two clicks, a then b, 50 minutes apart; the last 10 start two days after the others. */
    private Path tinyDataSet() throws Exception {
        StringBuilder tsv = new StringBuilder("SessionId\tItemId\tTime\n");
        long day = 86_400;
        for (int s = 0; s < 40; s++) {
            long t = 1_396_000_000L + s * 3_000L + (s >= 30 ? 2 * day : 0);
            tsv.append(s).append("\ta\t").append(t).append('\n').append(s).append("\tb\t").append(t + 10).append('\n');
        }
        Path file = dir.resolve("tiny.tsv");
        Files.writeString(file, tsv);
        return file;
    }

    @Test
    void scoresAValidationSplitCarvedFromTrainInsteadOfTheTest() throws Exception {
        Path file = tinyDataSet();
        // train is sessions 0-29, over 87,010 s: those starting in its last 86,400 s (sessions 1-29) are validation,
        // session 0 alone is left to train on (uncleaned: cleaning would drop its items, seen once)
        JsonNode figures = run("evaluate", "--format", "session-tsv", "--data", file.toString(), "--validation-day", "1",
                "--no-baselines", "--no-clean");
        assertEquals(29, figures.at("/dataset/prefixes").asInt());
        assertEquals(1, figures.get("results").size());
    }

    @Test
    void theFitEndsBeforeTheTestFileIsReadAndIsReportedBesideTheTest() throws Exception {
        // 700 train visits over three days, each [x, y, x, x]: the next click is mostly a repeat of x
        StringBuilder train = new StringBuilder("SessionId\tItemId\tTime\n");
        StringBuilder test = new StringBuilder("SessionId\tItemId\tTime\n");
        long t = 1_396_000_000L;
        for (int s = 0; s < 760; s++) {
            StringBuilder file = s < 700 ? train : test;
            String x = "x" + (s % 7);
            String y = "y" + (s % 5);
            for (String item : new String[] {x, y, x, x}) {
                file.append(s).append('\t').append(item).append('\t').append(t += 10).append('\n');
            }
            t += 360;
        }
        Path trainFile = dir.resolve("train.tsv");
        Path testFile = dir.resolve("test.tsv");
        Files.writeString(trainFile, train);
        Files.writeString(testFile, test);
        Path json = dir.resolve("fit.json");
        StringWriter out = new StringWriter();
        picocli.CommandLine cli = EcrmCommand.commandLine();
        cli.setOut(new PrintWriter(out));
        assertEquals(0, cli.execute("evaluate", "--format", "session-tsv", "--train", trainFile.toString(), "--test",
                testFile.toString(), "--no-baselines", "--json", json.toString()), out::toString);
        String printed = out.toString();
        int chosen = printed.indexOf("  chosen: ");
        int testRead = printed.indexOf("test file " + testFile + " read after the fit");
        assertTrue(chosen > 0 && testRead > chosen, "the fit is printed whole before the test is read:\n" + printed);
        JsonNode fit = new ObjectMapper().readTree(json.toFile()).get("fit");
        for (String candidate : new String[] {"current", "defaults", "s-pop", "v-sknn", "item-knn", "pop", "chosen"}) {
            assertTrue(fit.at("/validation/" + candidate).has("validation_hr@20"), candidate + " in " + fit);
        }
        double best = 0;
        for (JsonNode candidate : fit.get("validation")) {
            best = Math.max(best, candidate.get("validation_hr@20").asDouble() + candidate.get("validation_mrr@20").asDouble());
        }
        JsonNode mine = fit.at("/validation/chosen");
        assertEquals(best, mine.get("validation_hr@20").asDouble() + mine.get("validation_mrr@20").asDouble(), 1e-12,
                "the chosen settings are the best candidate on validation");
    }

    @Test
    void onTheSharedYoochooseSplitEcrmBeatsEveryBaselineAndEveryPublishedList() throws Exception {
        Path data = sharedData();
        assumeTrue(data != null && Files.exists(data.resolve("yoochoose-100k/train.tsv.gz")), "../shared/data is absent");
        JsonNode figures = run("evaluate", "--format", "session-tsv",
                "--train", data.resolve("yoochoose-100k/train.tsv.gz").toString(),
                "--test", data.resolve("yoochoose-100k/test.tsv.gz").toString(),
                "--peers", data.resolve("yoochoose-100k/peers").toString());
        assertEquals(9_422, figures.at("/dataset/prefixes").asInt(), "the protocol's prefix count");
        JsonNode ecrm = figures.at("/results/0");
        for (JsonNode baseline : figures.get("results")) {
            if (baseline != ecrm && !baseline.get("method").asText().startsWith("ecrm")) {
                assertTrue(ecrm.get("hr@20").asDouble() > baseline.get("hr@20").asDouble(), "HR@20 vs " + baseline);
                assertTrue(ecrm.get("mrr@20").asDouble() > baseline.get("mrr@20").asDouble(), "MRR@20 vs " + baseline);
            }
        }
        assertEquals(4, figures.get("peers").size());
        for (JsonNode peer : figures.get("peers")) {
            assertEquals(387, peer.get("rows").asInt(), "every published row is scored");
            assertTrue(peer.get("ours_hr@20").asDouble() > peer.get("hr@20").asDouble(), "HR@20 vs " + peer);
            assertTrue(peer.get("ours_mrr@20").asDouble() > peer.get("mrr@20").asDouble(), "MRR@20 vs " + peer);
        }
    }
}
