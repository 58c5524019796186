package io.ecrm.serving.cli;

import io.ecrm.serving.DemoSeeder;
import io.ecrm.serving.DemoShoppers;
import io.ecrm.serving.Engine;
import io.ecrm.serving.EngineSettings;
import io.ecrm.schemas.TenantId;
import io.ecrm.serving.TenantEngine;
import io.ecrm.serving.tenants.ApiKey;
import io.ecrm.serving.tenants.Scope;
import io.ecrm.serving.tenants.TenantRegistry;
import java.util.List;
import java.util.Set;
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
    /** The demo tenant's key: well known, for trying the API on one's own machine; real tenants get random keys. */
    static final ApiKey DEMO_KEY = ApiKey.parse("ecrm_00000000_demo-key-for-local-trials-only").orElseThrow();
    /** The demo tenant's read-only key (what a shop's product pages or a call-centre desk would hold), as well known. */
    static final ApiKey DEMO_READ_KEY = ApiKey.parse("ecrm_00000001_demo-read-only-key-for-local-trials").orElseThrow();
    static final String READ_KEY_NAME = "read-only";

    @Mixin
    EngineOptions options;

    @Override
    public Integer call() throws Exception {
        EngineSettings settings = options.toSettings();
        TenantRegistry registry = TenantRegistry.open(settings.tenantsFile());
        TenantId demo = settings.tenants().get(0);
        if (registry.find(demo.value()).isEmpty()) {
            registry.addWithKey(demo, "Demo shop", List.of("*"), DEMO_KEY);
        }
        if (registry.find(demo.value()).orElseThrow().keys().stream().noneMatch(k -> READ_KEY_NAME.equals(k.name()))) {
            registry.addKey(demo, READ_KEY_NAME, Set.of(Scope.READ), DEMO_READ_KEY);
        }
        StopSignals.listen();
        Engine engine = Engine.start(settings);
        TenantEngine tenant = engine.tenants().defaultTenant();
        String base = engine.baseUrl();
        Thread seeding = new Thread(() -> {
            try {
                int sent = DemoSeeder.seedOnce(engine.publisher(), tenant.topics(), settings.dataDir());
                System.out.println(sent > 0 ? "demo: " + sent + " clickstream events sent through Kafka"
                        : "demo: events loaded on an earlier start; state kept");
                if (sent > 0) {
                    DemoShoppers.Outcome shoppers = new DemoShoppers(base, DEMO_KEY.text()).run(DemoShoppers.SHOPPERS, DemoSeeder.SEED);
                    System.out.printf("demo: %d shoppers were shown %d recommendation lists, clicked %d times and bought %d items "
                            + "(experiment %s running):%n  curl -H \"$KEY\" '%s/v1/reports/recommendations?window=24h'%n"
                            + "  curl -H \"$KEY\" '%s/v1/experiments/%s'%n", DemoShoppers.SHOPPERS, shoppers.lists(), shoppers.clicks(),
                            shoppers.purchases(), DemoShoppers.EXPERIMENT, base, base, DemoShoppers.EXPERIMENT);
                }
            } catch (Exception e) {
                System.err.println("demo: could not load the demo events: " + e);
            }
        }, "demo-seeder");
        seeding.setDaemon(true);
        seeding.start();
        System.out.printf("""
                ecrm demo is up (tenant %s, Kafka at %s, state in %s)
                API key of the demo tenant: %s
                read-only key (recommendations, customers, items, reports; a 403 for anything else): %s
                console: %s/console (sign in with either key)
                  export KEY='Authorization: Bearer %s'
                  curl -H "$KEY" '%s/v1/customers/visitor-0007/recommendations?count=10'
                  curl -H "$KEY" '%s/v1/items/phone-00/similar?count=10'
                  curl -H "$KEY" -X POST %s/v1/events -H 'Content-Type: application/json' \\
                    -d '[{"eventId":"my-1","type":"product_view","timestamp":%d,"anonymousId":"me","itemId":"camera-03"}]'
                  curl -H "$KEY" '%s/v1/customers/me/recommendations?count=5'
                  curl -H "$KEY" '%s/v1/customers/me'
                Ctrl-C or SIGTERM stops it; starting again keeps all state.
                """, tenant.topics().tenant(), engine.bootstrapServers(), settings.dataDir().toAbsolutePath(),
                DEMO_KEY.text(), DEMO_READ_KEY.text(), base, DEMO_KEY.text(), base, base, base, System.currentTimeMillis(), base, base);
        RunCommand.awaitShutdown(engine);
        return 0;
    }
}
