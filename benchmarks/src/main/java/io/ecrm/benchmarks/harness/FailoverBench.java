package io.ecrm.benchmarks.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecrm.serving.kafka.EmbeddedKafka;
import io.ecrm.streams.StreamsSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench failover}: two instances of a tenant with a standby replica each on one broker; the
 * one in a process of its own is killed with SIGKILL while the other is asked, round after round,
 * for every visitor's recommendations. Each kill reports how long visitors were answered without
 * their state ({@code "personalised": false}), how many answers came from a stale copy (a
 * standby), how many failed, and when the survivor had taken the dead one's visitors over; then
 * the killed instance is started again and the next round begins.
 */
@Command(name = "failover", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Kill one of two instances (SIGKILL) while the other answers every visitor; seconds without "
                + "personalised answers, and until the takeover, per kill.")
final class FailoverBench implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long PATIENCE_NANOS = TimeUnit.SECONDS.toNanos(120);

    @Mixin
    RunOptions run;

    @Option(names = "--kills", defaultValue = "3", description = "Instances killed, one after the other (default: ${DEFAULT-VALUE}).")
    int kills;

    @Option(names = "--visitors", defaultValue = "200", description = "Visitors asked for in each round (default: ${DEFAULT-VALUE}).")
    int visitors;

    @Option(names = "--items", defaultValue = "1000", description = "Catalogue size (default: ${DEFAULT-VALUE}).")
    int items;

    @Spec
    CommandSpec spec;

    /** What one kill measured, from the SIGKILL on. */
    record Kill(double lastImpersonalSeconds, long staleAnswers, long impersonalAnswers, long failedAnswers,
                double takenOverSeconds) {
    }

    @Override
    public Integer call() throws Exception {
        if (kills < 1 || visitors < 1 || items < 1) {
            throw new IllegalArgumentException("kills, visitors and items must be positive");
        }
        Report report = new Report(spec);
        run.describe(report);
        report.setting("kills", kills);
        report.setting("visitors", visitors);
        report.setting("standbyReplicas", 1);
        Report.Table table = report.table("Each kill",
                new Report.Column("kill", "kill", "%d"),
                new Report.Column("lastImpersonalSeconds", "last answer without state, s after the kill", "%.1f"),
                new Report.Column("staleAnswers", "answers from a stale copy", "%,d"),
                new Report.Column("impersonalAnswers", "answers without state", "%,d"),
                new Report.Column("failedAnswers", "failed answers", "%,d"),
                new Report.Column("takenOverSeconds", "taken over, s after the kill", "%.1f"));
        Files.createDirectories(run.workDir);
        Path root = Files.createTempDirectory(run.workDir, "ecrm-failover-");
        StreamsSettings streams = run.streams().withStandbyReplicas(1);
        List<Kill> measured = new ArrayList<>();
        try (EmbeddedKafka kafka = new EmbeddedKafka(root.resolve("kafka"), BenchEngine.freePort(), BenchEngine.freePort()).start();
             BenchEngine survivor = BenchEngine.start(root, streams, kafka.bootstrapServers(), "bench-b")) {
            ShopTraffic traffic = Seeding.seed(survivor, run.seed, items, visitors, visitors * 10, 300, run.impressions);
            Path dirA = Files.createDirectories(root.resolve("a"));
            Files.copy(survivor.tenantsFile(), dirA.resolve("tenants.json"));
            int portA = BenchEngine.freePort();
            for (int k = 1; k <= kills; k++) {
                Process other = startInstance(kafka.bootstrapServers(), dirA, portA, root.resolve("a.log"));
                try {
                    awaitShared(survivor, portA, traffic);
                    Progress.say("kill %d: both instances hold visitors; SIGKILL of the other", k);
                    other.destroyForcibly();
                    other.waitFor(30, TimeUnit.SECONDS);
                    Kill kill = watch(survivor, traffic);
                    measured.add(kill);
                    table.add(k, kill.lastImpersonalSeconds(), kill.staleAnswers(), kill.impersonalAnswers(),
                            kill.failedAnswers(), kill.takenOverSeconds());
                    Progress.say("kill %d: last answer without state %.1f s after it, taken over after %.1f s", k,
                            kill.lastImpersonalSeconds(), kill.takenOverSeconds());
                } finally {
                    other.destroyForcibly();
                    other.waitFor(30, TimeUnit.SECONDS);
                }
            }
        } finally {
            BenchEngine.deleteTree(root);
        }
        double worstImpersonal = measured.stream().mapToDouble(Kill::lastImpersonalSeconds).max().orElse(Double.NaN);
        double worstTakeover = measured.stream().mapToDouble(Kill::takenOverSeconds).max().orElse(Double.NaN);
        long failed = measured.stream().mapToLong(Kill::failedAnswers).sum();
        report.target("every visitor answered in person within 10 s of a kill", "10 s",
                String.format("%.1f s", worstImpersonal), worstImpersonal <= 10);
        report.target("no recommendation fails during a failover", "0", String.valueOf(failed), failed == 0);
        report.summary("secondsWithoutPersonalisedAnswers", worstImpersonal);
        report.summary("secondsUntilTakenOver", worstTakeover);
        report.summary("failedAnswers", (double) failed);
        report.note("The killed instance runs in a process of its own (ecrm run, same jar), the survivor and the broker "
                + "in this one; both have --standby-replicas 1 and the engine's session timeout (6 s). Seconds without "
                + "personalised answers: from the SIGKILL to the last round in which any visitor was answered without "
                + "state (0 when none was). Taken over: every visitor answered by its owner again and the survivor ready.");
        report.publish(run.json, run.markdown);
        return 0;
    }

    private static Process startInstance(String bootstrap, Path dataDir, int httpPort, Path log) throws IOException {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "-cp", System.getProperty("java.class.path"), "io.ecrm.serving.cli.EcrmCommand", "run",
                "--bootstrap-servers", bootstrap, "--http-port", String.valueOf(httpPort), "--data-dir", dataDir.toString(),
                "--tenant", BenchEngine.TENANT, "--instance-id", "bench-a", "--standby-replicas", "1", "--tune-every", "0");
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    /** Waits until the other instance is ready and holds some of the visitors, and every visitor is answered in person. */
    private void awaitShared(BenchEngine survivor, int portA, ShopTraffic traffic) throws Exception {
        long deadline = System.nanoTime() + PATIENCE_NANOS;
        try (LoopbackClient a = new LoopbackClient("127.0.0.1", portA, null)) {
            while (true) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the two instances did not share the visitors within 120 s");
                }
                boolean aReady = ready(a);
                if (aReady && ready(survivor.client()) && survivor.anotherInstanceHoldsPartitions()
                        && allPersonal(survivor, traffic)) {
                    return;
                }
                Thread.sleep(500);
            }
        }
    }

    private static boolean ready(LoopbackClient client) {
        try (client) {
            return client.get("/health/ready").status() == 200;
        } catch (IOException notUp) {
            return false;
        }
    }

    private boolean allPersonal(BenchEngine survivor, ShopTraffic traffic) throws IOException {
        try (LoopbackClient client = survivor.client()) {
            for (int v = 0; v < visitors; v++) {
                LoopbackClient.Answer answer = client.get("/v1/customers/" + traffic.visitorId(v) + "/recommendations?count=5");
                if (answer.status() != 200) {
                    return false;
                }
                JsonNode body = JSON.readTree(answer.body());
                if (!body.path("personalised").asBoolean() || body.path("stale").asBoolean()) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Asks for every visitor round after round from the kill on, until the survivor has taken over. */
    private Kill watch(BenchEngine survivor, ShopTraffic traffic) throws Exception {
        long killed = System.nanoTime();
        double lastImpersonal = 0;
        long stale = 0;
        long impersonal = 0;
        long failed = 0;
        try (LoopbackClient client = survivor.client()) {
            while (System.nanoTime() - killed < PATIENCE_NANOS) {
                int fromOwner = 0;
                boolean anyImpersonal = false;
                for (int v = 0; v < visitors; v++) {
                    LoopbackClient.Answer answer = client.get("/v1/customers/" + traffic.visitorId(v) + "/recommendations?count=5");
                    if (answer.status() != 200) {
                        failed++;
                        continue;
                    }
                    JsonNode body = JSON.readTree(answer.body());
                    if (!body.path("personalised").asBoolean()) {
                        impersonal++;
                        anyImpersonal = true;
                    } else if (body.path("stale").asBoolean()) {
                        stale++;
                    } else {
                        fromOwner++;
                    }
                }
                double elapsed = (System.nanoTime() - killed) / 1e9;
                if (anyImpersonal) {
                    lastImpersonal = elapsed;
                }
                if (fromOwner == visitors && client.get("/health/ready").status() == 200) {
                    return new Kill(lastImpersonal, stale, impersonal, failed, elapsed);
                }
            }
        }
        return new Kill(lastImpersonal, stale, impersonal, failed, Double.NaN);
    }
}
