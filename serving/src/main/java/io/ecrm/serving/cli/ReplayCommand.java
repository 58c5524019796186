package io.ecrm.serving.cli;

import io.ecrm.ingest.EventPublisher;
import io.ecrm.ingest.TextFiles;
import io.ecrm.ingest.datasets.DataSetFormat;
import io.ecrm.ingest.datasets.DataSetLine;
import io.ecrm.ingest.datasets.DataSetReader;
import io.ecrm.schemas.ClickEvent;
import io.ecrm.schemas.TenantId;
import io.ecrm.schemas.TenantTopics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ecrm replay}: loads a public data set into a running engine at full speed, keeping each
 * event's own time, with progress and a summary. Lines that are not events are counted by reason
 * and never sent.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Replay data set files into a running engine, preserving event time.")
final class ReplayCommand implements java.util.concurrent.Callable<Integer> {
    @Option(names = "--tenant", required = true, description = "Tenant to load the events into.")
    String tenant;

    @Option(names = "--format", required = true, description = "One of: session-tsv, yoochoose, diginetica, retailrocket, jsonl.")
    String format;

    @Option(names = "--bootstrap-servers", defaultValue = "127.0.0.1:9092",
            description = "Kafka of the running engine (default: the embedded broker of `ecrm demo` / `ecrm run`).")
    String bootstrapServers;

    @Option(names = "--in-flight", defaultValue = "20000", description = "Events sent but not yet acknowledged, at most.")
    int inFlight;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Files to replay, plain or .gz, in order.")
    List<Path> files;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        DataSetFormat dataSet = DataSetFormat.named(format);
        TenantTopics topics = new TenantTopics(new TenantId(tenant));
        TextFiles.requireReadable(files);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000))) {
            Set<String> existing;
            try {
                existing = admin.listTopics().names().get(15, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalArgumentException("no Kafka answers at " + bootstrapServers + "; start the engine first "
                        + "(java -jar serving/target/ecrm.jar demo), or pass --bootstrap-servers");
            }
            if (!existing.contains(topics.events())) {
                throw new IllegalArgumentException("the engine does not serve tenant '" + tenant + "' (no topic "
                        + topics.events() + "); start it with --tenant " + tenant);
            }
        }
        Map<String, Long> rejected = new TreeMap<>();
        long[] lines = {0};
        long[] sent = {0};
        Progress progress = new Progress(System.err, "replay");
        try (EventPublisher publisher = new EventPublisher(bootstrapServers)) {
            List<ClickEvent> batch = new ArrayList<>(1000);
            List<CompletableFuture<Integer>> pending = new ArrayList<>();
            for (Path file : files) {
                new DataSetReader(dataSet).read(file, line -> {
                    lines[0]++;
                    if (line.ok()) {
                        batch.add(line.event());
                        if (batch.size() == 1000) {
                            pending.add(publisher.publish(topics, List.copyOf(batch)));
                            batch.clear();
                            sent[0] += 1000;
                            if (pending.size() * 1000L >= inFlight) {
                                pending.remove(0).join();
                            }
                        }
                    } else {
                        rejected.merge(reasonKind(line), 1L, Long::sum);
                    }
                    progress.update(lines[0], String.format("%,d events sent, %,d lines refused", sent[0],
                            rejected.values().stream().mapToLong(Long::longValue).sum()));
                });
            }
            if (!batch.isEmpty()) {
                pending.add(publisher.publish(topics, List.copyOf(batch)));
                sent[0] += batch.size();
            }
            for (CompletableFuture<Integer> ack : pending) {
                ack.join();
            }
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no such file: " + e.getFile());
        } catch (IOException e) {
            throw new IllegalArgumentException("could not read: " + e.getMessage());
        }
        long refused = rejected.values().stream().mapToLong(Long::longValue).sum();
        progress.finish(lines[0], String.format("%,d events sent, %,d lines refused", sent[0], refused));
        PrintWriter out = spec.commandLine().getOut();
        out.printf("replayed %s into tenant %s in %.1f s%n  lines read     %,d%n  events sent    %,d%n  lines refused  %,d%n",
                String.join(" ", files.stream().map(Path::toString).toList()), tenant, progress.seconds(), lines[0],
                sent[0], refused);
        rejected.forEach((reason, count) -> out.printf("    %-40s %,d%n", reason, count));
        out.println("The engine's cleaning stage may still refuse events (duplicates, bots); see /metrics.");
        out.flush();
        return 0;
    }

    /** Groups rejections by their kind: the reason up to any quoted value. */
    private static String reasonKind(DataSetLine line) {
        String reason = line.rejection();
        int quote = reason.indexOf('\'');
        return (quote > 0 ? reason.substring(0, quote) : reason).strip();
    }
}
