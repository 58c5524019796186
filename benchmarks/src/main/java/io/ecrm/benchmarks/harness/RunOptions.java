package io.ecrm.benchmarks.harness;

import io.ecrm.streams.StreamsSettings;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every harness command takes: where results go, where the engine's files go, the seed, and Streams knobs. */
final class RunOptions {
    @Option(names = "--json", paramLabel = "FILE", description = "Write the results as JSON to FILE.")
    Path json;

    @Option(names = "--markdown", paramLabel = "FILE", description = "Write the Markdown table to FILE (it is printed anyway).")
    Path markdown;

    @Option(names = "--work-dir", paramLabel = "DIR", defaultValue = "${java.io.tmpdir}",
            description = "Parent of the engine's temporary data folder, deleted after the run (default: ${DEFAULT-VALUE}).")
    Path workDir;

    @Option(names = "--seed", defaultValue = "20261124", description = "Seed of the generated shop traffic (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--impressions", defaultValue = "0.5", description = "Share of product views followed by an impression "
            + "(a list of 6 items shown; the next click on one of them names it), 0 for none (default: ${DEFAULT-VALUE}).")
    double impressions;

    @Option(names = "--stream-threads", description = "Stream threads of the tenant (default: the engine's, "
            + "1).")
    Integer streamThreads;

    @Option(names = "--commit-interval-ms", description = "Commit interval of the tenant's Streams application "
            + "(default: the engine's, 100).")
    Long commitIntervalMillis;

    /** The engine's Streams settings with the knobs given here. */
    StreamsSettings streams() {
        StreamsSettings d = StreamsSettings.DEFAULTS;
        return new StreamsSettings(d.partitions(), d.replicationFactor(), d.minInsyncReplicas(),
                streamThreads == null ? d.streamThreads() : streamThreads, d.standbyReplicas(),
                d.neighbourRefreshMillis(), d.neighbourGrowth(), d.neighbourMaxWaitMillis(), commitIntervalMillis == null ? d.commitIntervalMillis() : commitIntervalMillis,
                d.cleaning(), d.sessionGapMillis());
    }

    void describe(Report report) {
        StreamsSettings s = streams();
        report.setting("seed", seed);
        report.setting("impressionShare", impressions);
        report.setting("partitions", s.partitions());
        report.setting("streamThreads", s.streamThreads());
        report.setting("commitIntervalMillis", s.commitIntervalMillis());
    }
}
