package io.ecrm.serving.cli;

import io.ecrm.serving.EngineSettings;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configurator;
import picocli.CommandLine.ParseResult;

/**
 * Where the log lines go, chosen from the command line before the command runs: the engine's own
 * lines ({@code io.ecrm}) to the terminal, Kafka's, the broker's and the other libraries' lines to
 * rolling files under {@code <data-dir>/logs/} (commands without a data directory: under the
 * temporary directory's {@code ecrm-logs/}). {@code --log-level} (env {@code ECRM_LOG_LEVEL})
 * brings the libraries' lines of that level and above back to the terminal ({@code debug} and
 * {@code trace} the engine's own as well); the files keep at least the libraries' warnings.
 * Sets the properties {@code log4j2.xml} reads and has log4j read it again.
 */
final class LogSetup {
    /** The levels {@code --log-level} takes, quietest first. */
    enum Level {
        OFF, ERROR, WARN, INFO, DEBUG, TRACE;

        static Level parse(String text, String source) {
            try {
                return valueOf(text.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(source + " must be one of off, error, warn, info, debug, trace; got '" + text + "'");
            }
        }

        private static Level louder(Level a, Level b) {
            return a.ordinal() >= b.ordinal() ? a : b;
        }
    }

    private LogSetup() {
    }

    /** Applies the logging the parsed command line asks for. */
    static void apply(ParseResult parsed) {
        Level chosen = null;
        Path dataDir = null;
        boolean hasDataDir = false;
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            hasDataDir |= p.commandSpec().findOption("--data-dir") != null;
            if (p.hasMatchedOption("--log-level")) {
                chosen = p.matchedOption("--log-level").getValue();
            }
            if (p.hasMatchedOption("--data-dir")) {
                dataDir = p.matchedOption("--data-dir").getValue();
            }
        }
        if (chosen == null && System.getenv("ECRM_LOG_LEVEL") != null && !System.getenv("ECRM_LOG_LEVEL").isBlank()) {
            chosen = Level.parse(System.getenv("ECRM_LOG_LEVEL"), "ECRM_LOG_LEVEL");
        }
        if (dataDir == null) {
            String env = System.getenv("ECRM_DATA_DIR");
            dataDir = env != null && !env.isBlank() ? Path.of(env) : EngineSettings.DEFAULTS.dataDir();
        }
        Level terminal = chosen == null ? Level.OFF : chosen;
        if (hasDataDir) { // else (help, evaluate) the libraries' few lines go to the temporary directory's ecrm-logs
            System.setProperty("ecrm.log.dir", dataDir.resolve("logs").toAbsolutePath().toString());
        }
        System.setProperty("ecrm.log.terminal", terminal.name());
        System.setProperty("ecrm.log.libraries", Level.louder(Level.WARN, terminal).name());
        System.setProperty("ecrm.log.own", Level.louder(Level.INFO, terminal).name());
        String source = ((LoggerContext) LogManager.getContext(false)).getConfiguration().getConfigurationSource().getLocation();
        if (source != null && source.endsWith("log4j2.xml")) { // not a test's own configuration
            Configurator.reconfigure();
        }
    }
}
