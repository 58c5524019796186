package io.ecrm.serving.cli;

import io.ecrm.serving.DemoSeeder;
import io.ecrm.serving.Engine;
import io.ecrm.serving.EngineSettings;
import io.ecrm.serving.TenantEngine;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code ecrm demo}: the engine on its embedded defaults, with a generated shop clickstream
 * replayed through Kafka on the first start.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the engine on the embedded broker with demo data (loaded once, kept across restarts).")
final class DemoCommand implements Callable<Integer> {
    @Mixin
    EngineOptions options;

    @Override
    public Integer call() throws Exception {
        EngineSettings settings = options.toSettings();
        Engine engine = Engine.start(settings);
        TenantEngine tenant = engine.tenants().defaultTenant();
        String base = engine.baseUrl();
        Thread seeding = new Thread(() -> {
            try {
                int sent = DemoSeeder.seedOnce(engine.publisher(), tenant.topics(), settings.dataDir());
                System.out.println(sent > 0 ? "demo: " + sent + " clickstream events sent through Kafka"
                        : "demo: events loaded on an earlier start; state kept");
            } catch (Exception e) {
                System.err.println("demo: could not load the demo events: " + e);
            }
        }, "demo-seeder");
        seeding.setDaemon(true);
        seeding.start();
        System.out.printf("""
                ecrm demo is up (tenant %s, Kafka at %s, state in %s)
                  curl %s/health
                  curl '%s/v1/customers/visitor-0007/recommendations?count=10'
                  curl '%s/v1/items/phone-00/similar?count=10'
                  curl -X POST %s/v1/events -H 'Content-Type: application/json' \\
                    -d '[{"eventId":"my-1","type":"product_view","timestamp":%d,"anonymousId":"me","itemId":"camera-03"}]'
                  curl '%s/v1/customers/me/recommendations?count=5'
                Ctrl-C stops; starting again keeps all state.
                """, tenant.topics().tenant(), engine.bootstrapServers(), settings.dataDir().toAbsolutePath(),
                base, base, base, base, System.currentTimeMillis(), base);
        RunCommand.awaitShutdown(engine);
        return 0;
    }
}
