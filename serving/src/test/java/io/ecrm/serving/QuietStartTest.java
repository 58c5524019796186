package io.ecrm.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ecrm demo} as a new user meets it, with the logging it ships with (not the tests' own):
 * a few lines of its own before the demo data is loaded, no library's warnings among them (those go
 * to {@code <data-dir>/logs/ecrm.log}); started in the background by a script (SIGINT ignored, as a
 * shell's background job inherits it, and the JVM cannot hear it then), it says to send SIGTERM,
 * and stops cleanly on SIGTERM.
 */
class QuietStartTest {
    private static final Duration PATIENCE = Duration.ofMinutes(3);

    @TempDir
    Path dir;

    private static String shippedLogConfig() throws URISyntaxException {
        return Path.of(QuietStartTest.class.getResource("/log4j2.xml").toURI()).toString();
    }

    @Test
    void theDemoStartsQuietlyAndInTheBackgroundStopsOnSigterm() throws Exception {
        Path data = dir.resolve("data");
        Path out = dir.resolve("demo.out");
        List<String> java = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-Dlog4j2.configurationFile=" + shippedLogConfig(), "-cp", System.getProperty("java.class.path"),
                "io.ecrm.serving.cli.EcrmCommand", "demo", "--data-dir", data.toString(),
                "--http-port", String.valueOf(TestEngines.freePort()), "--kafka-port", String.valueOf(TestEngines.freePort()),
                "--controller-port", String.valueOf(TestEngines.freePort()));
        StringBuilder line = new StringBuilder("trap '' INT; exec"); // a background job of a script: SIGINT ignored
        java.forEach(arg -> line.append(" '").append(arg.replace("'", "'\\''")).append('\''));
        Process demo = new ProcessBuilder("sh", "-c", line.toString()).redirectErrorStream(true)
                .redirectOutput(out.toFile()).start();
        try {
            List<String> before = awaitLoaded(demo, out);
            assertTrue(before.size() <= 15, "at most 15 lines before the demo data is loaded:\n" + String.join("\n", before));
            for (String l : before) {
                assertFalse(l.contains(" WARN ") || l.contains(" ERROR "), "no warning before the data is loaded: " + l);
            }
            assertTrue(before.stream().anyMatch(l -> l.startsWith("ecrm demo is up")), String.join("\n", before));
            Path libraries = data.resolve("logs").resolve("ecrm.log");
            assertTrue(Files.exists(libraries), "the libraries' lines go to " + libraries);
            assertTrue(Files.readString(libraries).contains("org.apache.kafka"), "Kafka's own lines are in the file");

            assertTrue(before.stream().anyMatch(l -> l.contains("SIGINT is ignored") && l.contains("SIGTERM")),
                    "a background engine says what stops it:\n" + String.join("\n", before));
            demo.destroy(); // SIGTERM
            assertTrue(demo.waitFor(60, TimeUnit.SECONDS), "the demo was still running a minute after SIGTERM:\n" + Files.readString(out));
            assertEquals(143, demo.exitValue(), "stopped by SIGTERM");
            assertTrue(Files.readString(out).contains("ecrm: stopped after"), "it closed the engine first:\n" + Files.readString(out));
        } finally {
            demo.destroyForcibly();
        }
    }

    /** The lines printed until the one that says the demo events are sent. */
    private static List<String> awaitLoaded(Process demo, Path out) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            List<String> lines = Files.exists(out) ? Files.readAllLines(out) : List.of();
            List<String> before = new ArrayList<>();
            for (String l : lines) {
                if (l.startsWith("demo: ") && l.contains("clickstream events sent")) {
                    return before;
                }
                before.add(l);
            }
            assertTrue(demo.isAlive(), "the demo exited:\n" + String.join("\n", lines));
            Thread.sleep(200);
        }
        throw new AssertionError("the demo data was not loaded within " + PATIENCE + ":\n" + Files.readString(out));
    }
}
