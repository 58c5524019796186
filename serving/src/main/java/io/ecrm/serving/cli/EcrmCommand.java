package io.ecrm.serving.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ecrm} command line: {@code java -jar ecrm.jar <command>}. */
@Command(name = "ecrm", mixinStandardHelpOptions = true, version = "ecrm 0.1.0",
        description = "Analytical e-CRM engine: clickstream in, one-to-one recommendations out.",
        subcommands = {DemoCommand.class, RunCommand.class, BrokerCommand.class, ReplayCommand.class, IngestLogCommand.class,
                EvaluateCommand.class, TenantCommand.class, ExportSegmentCommand.class,
                ConfigCommand.class,
                CommandLine.HelpCommand.class})
public final class EcrmCommand {
    @CommandLine.Option(names = "--log-level", scope = CommandLine.ScopeType.INHERIT,
            description = "Also show Kafka's, the broker's and the other libraries' log lines of this level and above "
                    + "on the terminal: off, error, warn, info, debug, trace (env ECRM_LOG_LEVEL; default: the engine's "
                    + "own lines only; the others go to <data-dir>/logs/ecrm.log).")
    LogSetup.Level logLevel;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new EcrmCommand());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionStrategy(parsed -> {
            try {
                LogSetup.apply(parsed);
            } catch (IllegalArgumentException e) {
                cli.getErr().println("ecrm: " + e.getMessage());
                return 2;
            }
            return new CommandLine.RunLast().execute(parsed);
        });
        // a bad setting is the user's to fix: say what is wrong, without a stack trace
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof IllegalArgumentException) {
                commandLine.getErr().println("ecrm: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        return cli;
    }
}
