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
        StringBuilder tsv = new StringBuilder("SessionId\tItemId\tTime\n");
        long day = 86_400;
        for (int s = 0; s < 40; s++) {
            long t = 1_396_000_000L + s * 3_000L + (s >= 30 ? 2 * day : 0);
            tsv.append(s).append("\ta\t").append(t).append('\n').append(s).append("\tb\t").append(t + 10).append('\n');
        }
        Path file = dir.resolve("tiny.tsv");
        Files.writeString(file, tsv);
        JsonNode figures = run("evaluate", "--format", "session-tsv", "--data", file.toString());
        assertEquals(10, figures.at("/dataset/prefixes").asInt(), "the 10 sessions of the last day are test");
        JsonNode ecrm = figures.at("/results/0");
        assertEquals("ecrm", ecrm.get("method").asText());
        assertEquals(1.0, ecrm.get("hr@20").asDouble(), "b always follows a");
        assertTrue(figures.get("results").size() == 5);
    }

    @Test
    void onTheSharedYoochooseSplitEcrmBeatsEveryBaseline() throws Exception {
        Path data = sharedData();
        assumeTrue(data != null && Files.exists(data.resolve("yoochoose-100k/train.tsv.gz")), "../shared/data is absent");
        JsonNode figures = run("evaluate", "--format", "session-tsv",
                "--train", data.resolve("yoochoose-100k/train.tsv.gz").toString(),
                "--test", data.resolve("yoochoose-100k/test.tsv.gz").toString(),
                "--peers", data.resolve("yoochoose-100k/peers").toString());
        assertEquals(9_422, figures.at("/dataset/prefixes").asInt(), "the protocol's prefix count");
        JsonNode ecrm = figures.at("/results/0");
        for (JsonNode baseline : figures.get("results")) {
            if (baseline != ecrm) {
                assertTrue(ecrm.get("hr@20").asDouble() > baseline.get("hr@20").asDouble(), "HR@20 vs " + baseline);
                assertTrue(ecrm.get("mrr@20").asDouble() > baseline.get("mrr@20").asDouble(), "MRR@20 vs " + baseline);
            }
        }
        for (JsonNode peer : figures.get("peers")) {
            assertEquals(387, peer.get("rows").asInt(), "every published row is scored");
        }
    }
}
