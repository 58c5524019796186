package io.ecrm.serving.cli;

import io.ecrm.serving.Engine;
import io.ecrm.serving.EngineSettings;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code ecrm run}: the engine, on the embedded broker or on {@code --bootstrap-servers}. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the engine: on an external Kafka cluster with --bootstrap-servers, else on the embedded broker.")
final class RunCommand implements Callable<Integer> {
    @Mixin
    EngineOptions options;

    @Override
    public Integer call() throws Exception {
        EngineSettings settings = options.toSettings();
        StopSignals.listen();
        Engine engine = Engine.start(settings);
        System.out.println("ecrm is up: " + engine.baseUrl() + "/health, console " + engine.baseUrl() + "/console (Kafka at " + engine.bootstrapServers()
                + ", tenants " + settings.tenants() + ")");
        awaitShutdown(engine);
        return 0;
    }

    /**
     * Blocks until SIGINT or SIGTERM, then closes the engine before the JVM exits
     * ({@link StopSignals}), within {@link Engine#SHUTDOWN_BOUND} whatever the broker's state.
     */
    static void awaitShutdown(Engine engine) throws InterruptedException {
        StopSignals.awaitStop("ecrm-shutdown", () -> {
            System.out.println("ecrm: stopping (at most " + Engine.SHUTDOWN_BOUND.toSeconds() + " s)");
            long start = System.nanoTime();
            engine.close();
            System.out.printf("ecrm: stopped after %.1f s%n", (System.nanoTime() - start) / 1e9);
        });
    }
}
