package io.ecrm.serving.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogSetupTest {
    @TempDir
    Path dir;

    @Test
    void theLevelIsTakenInAnyCaseOnEveryCommandAndABadOneIsNamed() {
        assertEquals(LogSetup.Level.WARN, LogSetup.Level.parse(" Warn ", "x"));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> LogSetup.Level.parse("loud", "ECRM_LOG_LEVEL"));
        assertTrue(bad.getMessage().contains("ECRM_LOG_LEVEL") && bad.getMessage().contains("off, error, warn, info, debug, trace"));

        StringWriter err = new StringWriter();
        picocli.CommandLine cli = EcrmCommand.commandLine();
        cli.setErr(new PrintWriter(err));
        assertEquals(2, cli.execute("config", "--log-level", "loud"), "a level that is none is a usage error");
        assertTrue(err.toString().contains("loud"), err.toString());

        StringWriter out = new StringWriter();
        cli = EcrmCommand.commandLine();
        cli.setOut(new PrintWriter(out));
        assertEquals(0, cli.execute("config", "--log-level", "INFO", "--data-dir", dir.toString()), out.toString());
        assertEquals(dir.resolve("logs").toAbsolutePath().toString(), System.getProperty("ecrm.log.dir"),
                "the libraries' lines go under the data directory");
        assertEquals("INFO", System.getProperty("ecrm.log.terminal"), "and the terminal shows them from INFO on");
        assertEquals("INFO", System.getProperty("ecrm.log.libraries"));
    }
}
