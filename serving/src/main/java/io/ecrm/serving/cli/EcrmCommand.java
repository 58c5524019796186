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
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new EcrmCommand());
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
