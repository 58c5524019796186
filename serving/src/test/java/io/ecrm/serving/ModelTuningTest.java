package io.ecrm.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecrm.recommender.RecommenderSettings;
import io.ecrm.recommender.tuning.ServingKnobs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine fits the demo tenant's ranking settings on its own visits: at its first start with a
 * day of visits, and on request; every instance serves the settings a fit chose, including one
 * that starts after the fit (it reads them from the model topic, as a restart does).
 */
class ModelTuningTest {
    private static final Duration PATIENCE = Duration.ofMinutes(3);

    @TempDir
    Path dir;

    /** Settings a fit on the demo shop surely improves on: popular items only. */
    private static RecommenderSettings poor() {
        RecommenderSettings d = RecommenderSettings.DEFAULTS;
        return d.withRanking(d.ranking().withWeights(0, 0, 0, 0, 1));
    }

    private static EngineSettings instance(Path dataDir, String bootstrap, String id) throws Exception {
        EngineSettings s = TestEngines.instance(dataDir, bootstrap, id, 0);
        return new EngineSettings(s.httpHost(), s.httpPort(), null, bootstrap, s.kafkaPort(), s.controllerPort(), dataDir,
                s.tenants(), id, s.maxBatchEvents(), s.maxBodyBytes(), s.maxCount(), s.maxIdLength(), s.maxQueryChars(),
                s.allowedOrigins(), s.streams(), poor(), s.tuneEveryMillis(), s.fitsToExperiment());
    }

    private static Map<String, Double> settings(JsonNode model) {
        Map<String, Double> settings = new TreeMap<>();
        model.get("settings").fields().forEachRemaining(e -> settings.put(e.getKey(), e.getValue().asDouble()));
        return settings;
    }

    private static double gauge(HttpClientSupport http, String name) throws Exception {
        String text = new String(http.raw(http.request("/metrics").GET()).body(), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile(name + "\\{tenant=\"demo\"} (\\S+)").matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    @Test
    void aTenantIsFittedOnItsOwnVisitsAndEveryInstanceServesTheFit() throws Exception {
        Path dirA = dir.resolve("a");
        Path dirB = dir.resolve("b");
        TestEngines.writeKeys(dirA);
        TestEngines.writeKeys(dirB);
        try (Engine a = Engine.start(instance(dirA, null, "a"))) {
            HttpClientSupport httpA = new HttpClientSupport(a.baseUrl(), TestEngines.DEMO_KEY);
            httpA.await("/health/ready", r -> r.status() == 200, PATIENCE);
            JsonNode configured = httpA.get("/v1/model").body();
            assertEquals(false, configured.get("fitted").asBoolean());
            assertEquals(ServingKnobs.values(poor()), Map.copyOf(settings(configured)), "the configured settings, before any fit");
            assertTrue(configured.get("fits").isEmpty());

            DemoSeeder.seedOnce(a.publisher(), a.tenants().defaultTenant().topics(), dirA);
            JsonNode first = httpA.await("/v1/model", r -> r.body().get("fits").size() > 0, PATIENCE).body();
            JsonNode fit = first.at("/fits/0");
            assertEquals("first-start", fit.get("trigger").asText(), first.toString());
            assertTrue(fit.get("visits").asInt() >= 500, "a tenant is fitted once it has enough visits: " + fit);
            assertTrue(fit.get("applied").asBoolean(), "popular items alone are beaten on validation: " + fit);
            assertTrue(first.get("fitted").asBoolean());
            assertNotEquals(ServingKnobs.values(poor()), Map.copyOf(settings(first)), "the fitted settings are served");
            double inUse = first.at("/validation/inUse/hr20").asDouble();
            assertTrue(inUse >= first.at("/validation/candidates/pop/hr20").asDouble(), first.toString());
            for (String baseline : new String[] {"defaults", "s-pop", "v-sknn", "item-knn", "pop"}) {
                assertTrue(first.at("/validation/candidates/" + baseline).has("mrr20"), baseline + " is reported: " + first);
            }
            assertEquals(inUse, gauge(httpA, "ecrm_model_validation_hr20"), 1e-9);

            try (Engine b = Engine.start(instance(dirB, a.bootstrapServers(), "b"))) {
                HttpClientSupport httpB = new HttpClientSupport(b.baseUrl(), TestEngines.DEMO_KEY);
                httpB.await("/health/ready", r -> r.status() == 200, PATIENCE);
                JsonNode onB = httpB.await("/v1/model", r -> r.body().get("fitted").asBoolean(), PATIENCE).body();
                assertEquals(settings(first), settings(onB), "an instance started after the fit serves its settings");
                assertEquals(first.get("fits"), onB.get("fits"));

                HttpClientSupport.Response started = httpB.post("/v1/model/tuning", "application/json", "");
                assertEquals(202, started.status());
                String job = started.body().get("id").asText();
                assertEquals("/v1/model/tuning/" + job, started.headers("Location"));
                JsonNode done = httpB.await("/v1/model/tuning/" + job, r -> r.body().path("finishedAt").isTextual(), PATIENCE).body();
                assertEquals("done", done.get("status").asText(), done.toString());
                assertEquals(1.0, done.get("progress").asDouble());
                assertTrue(done.get("evaluations").asInt() >= 6, "at least the fixed candidates were scored: " + done);
                assertEquals(404, httpA.get("/v1/model/tuning/" + job).status(), "jobs are known where they ran");

                JsonNode afterOnA = httpA.await("/v1/model", r -> r.body().at("/fits/0/id").asText().equals(job), PATIENCE).body();
                assertEquals("request", afterOnA.at("/fits/0/trigger").asText());
                assertEquals(2, afterOnA.get("fits").size());
                assertEquals(settings(afterOnA), settings(httpB.get("/v1/model").body()), "both instances serve the same settings");
                if (!done.at("/fit/applied").asBoolean()) {
                    assertEquals(settings(first), settings(afterOnA), "a fit that does not beat the settings in use leaves them");
                    assertEquals(first.get("fittedAt"), afterOnA.get("fittedAt"));
                }
            }
        }
    }
}
