package io.ecrm.serving.cli;

import io.ecrm.ingest.EventPublisher;
import io.ecrm.ingest.TextFiles;
import io.ecrm.ingest.logs.AccessLogFormat;
import io.ecrm.ingest.logs.AccessLogParser;
import io.ecrm.ingest.logs.LogEventMapper;
import io.ecrm.ingest.logs.LogFollower;
import io.ecrm.ingest.logs.LogIngestSummary;
import io.ecrm.ingest.logs.LogRejectReason;
import io.ecrm.ingest.logs.UrlRules;
import io.ecrm.ingest.logs.VisitorIdentity;
import io.ecrm.schemas.ClickEvent;
import io.ecrm.schemas.TenantId;
import io.ecrm.schemas.TenantTopics;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ecrm ingest-log}: turns web server access logs into events by declarative URL rules and
 * sends them to a running engine. Broken lines go to a rejects file; every line is counted as an
 * event or by the reason it is none.
 */
@Command(name = "ingest-log", mixinStandardHelpOptions = true,
        description = "Ingest Apache/Nginx access logs (common, combined or a LogFormat pattern) by URL rules.")
final class IngestLogCommand implements Callable<Integer> {
    @Option(names = "--tenant", required = true, description = "Tenant the events belong to.")
    String tenant;

    @Option(names = "--rules", required = true, description = "JSON rules mapping URLs to events (see README).")
    Path rulesFile;

    @Option(names = "--format", defaultValue = "combined", description = "common, combined, or an Apache LogFormat "
            + "pattern such as '%h %l %u %t \"%r\" %>s %b \"%{Referer}i\" \"%{User-agent}i\" \"%{Cookie}i\"' (default: combined).")
    String format;

    @Option(names = "--cookie", defaultValue = "ecrm_aid", description = "Cookie holding the visitor id, when the format logs cookies.")
    String cookie;

    @Option(names = "--ip", defaultValue = "hash", description = "What becomes of IP addresses before anything is stored, "
            + "for visitors without the cookie: hash (a salted hash of IP and user agent; the default) or truncate "
            + "(the /24 or /48 network, and a salted hash of the user agent).")
    String ipHandling;

    @Option(names = "--rejects", description = "Where broken lines are written (default: <first file name>.rejects in the current folder).")
    Path rejects;

    @Option(names = "--data-dir", defaultValue = "ecrm-data", description = "Holds the installation's salt for hashing IP addresses.")
    Path dataDir;

    @Option(names = "--bootstrap-servers", defaultValue = "127.0.0.1:9092", description = "Kafka of the running engine.")
    String bootstrapServers;

    @Option(names = "--dry-run", description = "Parse and count only; send nothing (to check rules).")
    boolean dryRun;

    @Option(names = "--follow", description = "Keep reading one growing file, across rotations, until Ctrl-C.")
    boolean follow;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Log files, plain or .gz.")
    List<Path> files;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        UrlRules rules;
        try {
            rules = UrlRules.read(rulesFile);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read rules " + rulesFile + ": " + e.getMessage());
        }
        AccessLogFormat logFormat = AccessLogFormat.named(format);
        TextFiles.requireReadable(files);
        LogEventMapper mapper = new LogEventMapper(new AccessLogParser(logFormat), rules, new VisitorIdentity(cookie, salt(),
                VisitorIdentity.IpHandling.named(ipHandling)));
        TenantTopics topics = new TenantTopics(new TenantId(tenant));
        Path rejectsFile = rejects != null ? rejects : Path.of(files.get(0).getFileName() + ".rejects");
        LogIngestSummary summary = new LogIngestSummary();
        Progress progress = new Progress(System.err, "ingest-log");
        try (BufferedWriter rejected = Files.newBufferedWriter(rejectsFile, StandardCharsets.UTF_8);
             EventPublisher publisher = dryRun ? null : new EventPublisher(bootstrapServers)) {
            List<ClickEvent> batch = new ArrayList<>(1000);
            List<CompletableFuture<Integer>> pending = new ArrayList<>();
            LogFollower.LineSink sink = (line, number, source) -> {
                LogEventMapper.Outcome outcome = mapper.map(line, number, source);
                summary.add(outcome);
                if (outcome.ok()) {
                    batch.add(outcome.event());
                    if (batch.size() == (follow ? 1 : 1000)) {
                        send(publisher, topics, batch, pending);
                    }
                } else if (outcome.rejection().malformed()) {
                    rejected.write(source + ":" + number + "\t" + outcome.rejection().label() + "\t" + line);
                    rejected.newLine();
                }
                progress.update(summary.lines(), String.format("%,d events, %,d broken", summary.events(), summary.malformed()));
            };
            if (follow) {
                if (files.size() != 1) {
                    throw new IllegalArgumentException("--follow follows one file");
                }
                AtomicBoolean running = new AtomicBoolean(true);
                Thread main = Thread.currentThread();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    running.set(false);
                    try {
                        main.join(5_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
                new LogFollower(files.get(0), 200).follow(sink, running::get);
            }
            for (Path file : follow ? List.<Path>of() : files) {
                try (BufferedReader reader = TextFiles.open(file, StandardCharsets.ISO_8859_1)) {
                    long number = 0;
                    String source = null;
                    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                        source = source == null ? LogFollower.sourceName(file, line) : source;
                        sink.accept(line, ++number, source);
                    }
                }
            }
            send(publisher, topics, batch, pending);
            pending.forEach(CompletableFuture::join);
        }
        progress.finish(summary.lines(), String.format("%,d events, %,d broken", summary.events(), summary.malformed()));
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%s %s in %.1f s (%,.0f lines/s)%n", dryRun ? "parsed (dry run, nothing sent)" : "ingested into tenant " + tenant,
                String.join(" ", files.stream().map(Path::toString).toList()), progress.seconds(),
                summary.lines() / Math.max(1e-9, progress.seconds()));
        out.printf("  %-32s %,12d%n  %-32s %,12d%n", "lines read", summary.lines(), dryRun ? "events made" : "events sent",
                summary.events());
        for (LogRejectReason reason : LogRejectReason.values()) {
            out.printf("  %-32s %,12d%n", reason.label(), summary.count(reason));
        }
        out.printf("broken lines are in %s%n", rejectsFile);
        out.flush();
        return 0;
    }

    private static void send(EventPublisher publisher, TenantTopics topics, List<ClickEvent> batch,
                             List<CompletableFuture<Integer>> pending) {
        if (publisher != null && !batch.isEmpty()) {
            pending.add(publisher.publish(topics, List.copyOf(batch)));
            if (pending.size() > 20) {
                pending.remove(0).join();
            }
        }
        batch.clear();
    }

    /** The installation's secret salt for IP hashes, made once and kept in the data directory. */
    private String salt() throws IOException {
        Path file = dataDir.resolve("ip-salt");
        if (Files.exists(file)) {
            return Files.readString(file).strip();
        }
        Files.createDirectories(dataDir);
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String salt = HexFormat.of().formatHex(random);
        Files.writeString(file, salt + "\n");
        return salt;
    }
}
