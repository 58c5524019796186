package io.ecrm.benchmarks.harness;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * "ecrm bench": load runs against a fresh engine on loopback, each bounded in count and time,
 * reporting as JSON and as a Markdown table:
 * {@code java -jar benchmarks/target/benchmarks.jar bench ingest|serve|soak|failover [options]}.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Load runs against a fresh engine on loopback (free ports, temporary data); each stops by itself.",
        subcommands = {IngestBench.class, ServeBench.class, SoakBench.class, FailoverBench.class, ProfileCommand.class,
                CommandLine.HelpCommand.class})
public final class BenchCommand {
    private BenchCommand() {
    }

    /** Runs the command line; the exit code is 0 when the run completed (and, for soak, passed). */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new BenchCommand());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof IllegalArgumentException) {
                commandLine.getErr().println("bench: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        return cli.execute(args);
    }
}
