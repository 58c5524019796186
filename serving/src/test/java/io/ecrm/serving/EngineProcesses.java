package io.ecrm.serving;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code ecrm} commands as processes of their own (on this test's class path), so that a test can
 * kill them with SIGKILL or stop them with SIGTERM as an operator would; each writes to
 * {@code <dir>/<name>.log}.
 */
final class EngineProcesses {
    private final Path dir;

    EngineProcesses(Path dir) {
        this.dir = dir;
    }

    Path log(String name) {
        return dir.resolve(name + ".log");
    }

    Process start(String name, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), "io.ecrm.serving.cli.EcrmCommand"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log(name).toFile())).start();
    }

    /** Starts {@code ecrm broker} (log {@code broker.log}, data in {@code <dir>/broker}) and waits for its "is up" line. */
    Process startBroker(int kafkaPort, int controllerPort) throws Exception {
        long linesBefore = Files.exists(log("broker")) ? Files.readAllLines(log("broker")).size() : 0;
        Process broker = start("broker", "broker", "--kafka-port", String.valueOf(kafkaPort), "--controller-port",
                String.valueOf(controllerPort), "--data-dir", dir.resolve("broker").toString());
        awaitUp("broker", broker, linesBefore);
        return broker;
    }

    /**
     * Starts node {@code nodeId} of a cluster of {@code ecrm broker}s (log {@code broker-<id>.log}, data
     * in {@code <dir>/broker-<id>}) without waiting: a node serves only once a majority of the quorum runs.
     */
    Process startClusterNode(int nodeId, int kafkaPort, int controllerPort, String quorum) throws IOException {
        return start("broker-" + nodeId, "broker", "--node-id", String.valueOf(nodeId), "--controller-quorum", quorum,
                "--kafka-port", String.valueOf(kafkaPort), "--controller-port", String.valueOf(controllerPort),
                "--data-dir", dir.resolve("broker-" + nodeId).toString());
    }

    /** Waits for the "is up" line a broker writes to log {@code name} after its first {@code linesBefore} lines. */
    void awaitUp(String name, Process broker, long linesBefore) throws Exception {
        Path log = log(name);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readAllLines(log).stream().skip(linesBefore).anyMatch(l -> l.startsWith("ecrm broker is up"))) {
                return;
            }
            assertTrue(broker.isAlive(), "the broker process exited; see " + log);
            Thread.sleep(100);
        }
        throw new AssertionError("the broker did not come up within 60 s; see " + log);
    }

    /** SIGKILL, and waits until the process is gone. */
    static void kill(Process process) throws InterruptedException {
        process.destroyForcibly();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
    }

    /** SIGTERM, then SIGKILL if it is still there after 30 s; nothing when it has ended already. */
    static void stop(Process process) throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
