package io.ecrm.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's shoppers, against the embedded engine with the demo clickstream: a report and a running experiment with numbers. */
class DemoShoppersTest {
    private static final Duration PATIENCE = Duration.ofSeconds(120);

    @TempDir
    Path dataDir;

    @Test
    void shoppersSeeIgnoreAndClickRecommendationsSoThatTheReportAndTheExperimentShowNumbers() throws Exception {
        TestEngines.writeKeys(dataDir);
        try (Engine engine = Engine.start(TestEngines.embedded(dataDir, "demo"))) {
            HttpClientSupport http = new HttpClientSupport(engine.baseUrl(), TestEngines.DEMO_KEY);
            http.await("/health/ready", r -> r.status() == 200, PATIENCE);
            DemoSeeder.seedOnce(engine.publisher(), engine.tenants().defaultTenant().topics(), dataDir);
            DemoShoppers.Outcome outcome = new DemoShoppers(engine.baseUrl(), TestEngines.DEMO_KEY).run(60, 7);
            assertEquals(120, outcome.lists(), "two lists per shopper");
            assertTrue(outcome.clicks() > 0, outcome.toString());

            JsonNode report = http.await("/v1/reports/recommendations?window=24h",
                    r -> r.body().at("/total/impressions").asInt() == outcome.lists()
                            && r.body().at("/total/clicks").asInt() == outcome.clicks(), PATIENCE).body();
            assertEquals(outcome.purchases(), report.at("/total/purchases").asInt(), report.toString());
            assertEquals(2, report.get("placements").size(), "product-page and home: " + report);

            JsonNode experiment = http.await("/v1/experiments/" + DemoShoppers.EXPERIMENT,
                    r -> r.body().at("/arms/0/visitors").asInt() + r.body().at("/arms/1/visitors").asInt() == 60, PATIENCE).body();
            assertEquals("running", experiment.get("status").asText());
            assertTrue(experiment.at("/arms/0/visitors").asInt() > 10 && experiment.at("/arms/1/visitors").asInt() > 10,
                    "each arm has its share: " + experiment);
            assertEquals(outcome.lists(), experiment.at("/arms/0/impressions").asInt() + experiment.at("/arms/1/impressions").asInt());
        }
    }
}
