package io.ecrm.benchmarks.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The harness commands end to end at a tiny scale: they start an engine, get their events and
 * requests through with the tenant's key, and write their results. Figures are not checked here
 * (targets belong to real runs); what is checked is that nothing was refused or lost.
 */
class BenchCommandTest {
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void ingestCountsEveryAcceptedEventOnce(@TempDir Path dir) throws Exception {
        Path results = dir.resolve("ingest.json");
        int exit = BenchCommand.run("ingest", "--events", "3000", "--clients", "2", "--batch", "250",
                "--warmup-events", "500", "--open-loop-seconds", "2", "--rest-probes", "2", "--drain-seconds", "120", "--work-dir", dir.toString(), "--json", results.toString());
        assertEquals(0, exit);
        JsonNode report = json.readTree(results.toFile());
        JsonNode rates = report.path("results").path("Ingest rates");
        assertEquals(3000, rates.get(0).path("events").asLong(), "the ceiling sent every event");
        assertEquals(3000, rates.get(1).path("events").asLong(), "every batch was accepted (202)");
        assertTrue(rates.get(2).path("eventsPerSecond").asDouble() > 0, "the stores counted them all");
        assertTrue(report.path("notes").toString().contains("every accepted event counted exactly once"), report.toString());
        JsonNode freshness = report.path("results").path("Freshness: from the 202 of an event to that visitor's changed "
                + "recommendations");
        assertTrue(freshness.get(1).path("when").asText().startsWith("open loop"), freshness.toString());
        assertTrue(freshness.get(1).path("samples").asLong() > 0, "the probe sampled while events went out open loop");
        assertEquals(2, freshness.get(2).path("samples").asLong(), "the idle engine was probed as often as asked");
        for (String key : new String[] {"endToEndEventsPerSecond", "endToEndOfCeiling", "brokerBytesPerEvent",
                "streamThreadMicrosPerEvent", "freshnessP99MillisUnderLoad", "freshnessP99MillisIdle"}) {
            assertTrue(report.path("summary").path(key).asDouble() > 0, "summary " + key + ": " + report.path("summary"));
        }
        try (var left = Files.list(dir)) {
            assertEquals(1, left.count(), "the engine's data folder is gone, the results file is left");
        }
    }

    @Test
    void serveAnswersEveryRequest(@TempDir Path dir) throws Exception {
        Path results = dir.resolve("serve.json");
        int exit = BenchCommand.run("serve", "--seed-events", "2000", "--levels", "2", "--seconds", "1",
                "--warmup-seconds", "0", "--half-load-seconds", "1", "--work-dir", dir.toString(), "--json", results.toString());
        assertEquals(0, exit);
        JsonNode steps = json.readTree(results.toFile()).path("results")
                .path("Closed loop: requests/s and latency by concurrent clients");
        assertEquals(2, steps.size());
        for (JsonNode step : steps) {
            assertEquals(0, step.path("errors").asLong(), step.toString());
            assertTrue(step.path("requestsPerSecond").asDouble() > 0, step.toString());
        }
    }

    @Test
    void aBadOptionIsAUsageError() {
        assertEquals(2, BenchCommand.run("serve", "--levels", "0"));
    }
}
