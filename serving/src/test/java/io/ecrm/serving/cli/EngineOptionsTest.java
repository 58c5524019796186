package io.ecrm.serving.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecrm.serving.EngineSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Settings come from a flag, else the ECRM_* environment, else EngineSettings.DEFAULTS. */
class EngineOptionsTest {
    private static EngineSettings parse(Map<String, String> env, String... args) {
        EngineOptions options = new EngineOptions(env);
        new CommandLine(options).parseArgs(args);
        return options.toSettings();
    }

    @Test
    void theApplicationServerIsDerivedFromTheHttpAddressUnlessSet() {
        assertEquals("127.0.0.1:7070", parse(Map.of()).advertisedServer());
        assertEquals("10.0.0.5:8080", parse(Map.of(), "--http-host", "10.0.0.5", "--http-port", "8080").advertisedServer());
        assertEquals("ecrm-2.internal:8080", parse(Map.of("ECRM_APPLICATION_SERVER", "ecrm-2.internal:8080")).advertisedServer());
        assertEquals("a:1", parse(Map.of("ECRM_APPLICATION_SERVER", "b:2"), "--application-server", "a:1").advertisedServer());
        String wildcard = parse(Map.of(), "--http-host", "0.0.0.0", "--http-port", "7071").advertisedServer();
        assertNotEquals("0.0.0.0:7071", wildcard, "other instances cannot reach 0.0.0.0");
        assertThrows(IllegalArgumentException.class, () -> parse(Map.of(), "--application-server", "no-port"));
    }

    @Test
    void limitsAndStandbyReplicasAreSettings() {
        EngineSettings defaults = parse(Map.of());
        assertEquals(EngineSettings.DEFAULTS.maxCount(), defaults.maxCount());
        assertEquals(0, defaults.streams().standbyReplicas());
        EngineSettings set = parse(Map.of("ECRM_MAX_QUERY_CHARS", "1000"), "--standby-replicas", "1", "--max-count", "50",
                "--max-id-length", "64", "--max-batch-events", "10", "--max-body-bytes", "4096");
        assertEquals(1, set.streams().standbyReplicas());
        assertEquals(50, set.maxCount());
        assertEquals(64, set.maxIdLength());
        assertEquals(10, set.maxBatchEvents());
        assertEquals(4096, set.maxBodyBytes());
        assertEquals(1000, set.maxQueryChars());
        assertThrows(IllegalArgumentException.class, () -> parse(Map.of(), "--max-id-length", "500"),
                "ids cannot be longer than the event schema allows");
    }

    @Test
    void theFitIntervalIsADurationAndZeroFitsOnRequestOnly() {
        assertEquals(86_400_000L, parse(Map.of()).tuneEveryMillis());
        assertEquals(30 * 60_000L, parse(Map.of(), "--tune-every", "30m").tuneEveryMillis());
        assertEquals(7 * 86_400_000L, parse(Map.of("ECRM_TUNE_EVERY", "7d")).tuneEveryMillis());
        assertEquals(2 * 3_600_000L, parse(Map.of("ECRM_TUNE_EVERY", "7d"), "--tune-every", "2h").tuneEveryMillis());
        assertEquals(0, parse(Map.of(), "--tune-every", "0").tuneEveryMillis());
        IllegalArgumentException unitless = assertThrows(IllegalArgumentException.class, () -> parse(Map.of(), "--tune-every", "24"));
        assertTrue(unitless.getMessage().contains("24h"), unitless.getMessage());
        assertThrows(IllegalArgumentException.class, () -> parse(Map.of(), "--tune-every", "-1h"));
    }

    @Test
    void replicationIsLeftToTheClusterUnlessSetByFlagOrEnvironment() {
        EngineSettings defaults = parse(Map.of());
        assertEquals(0, defaults.streams().replicationFactor(), "0: min(3, brokers), read from the cluster at start");
        assertEquals(0, defaults.streams().minInsyncReplicas());
        EngineSettings set = parse(Map.of("ECRM_REPLICATION_FACTOR", "2", "ECRM_MIN_INSYNC_REPLICAS", "2"), "--replication-factor", "3");
        assertEquals(3, set.streams().replicationFactor());
        assertEquals(2, set.streams().minInsyncReplicas());
        assertThrows(IllegalArgumentException.class, () -> parse(Map.of(), "--min-insync-replicas", "-1"));
    }
}
