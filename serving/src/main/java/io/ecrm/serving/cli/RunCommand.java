package io.ecrm.serving.cli;

import io.ecrm.serving.Engine;
import io.ecrm.serving.EngineSettings;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import sun.misc.Signal;

/** {@code ecrm run}: the engine, on the embedded broker or on {@code --bootstrap-servers}. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the engine: on an external Kafka cluster with --bootstrap-servers, else on the embedded broker.")
final class RunCommand implements Callable<Integer> {
    @Mixin
    EngineOptions options;

    @Override
    public Integer call() throws Exception {
        EngineSettings settings = options.toSettings();
        Engine engine = Engine.start(settings);
        System.out.println("ecrm is up: " + engine.baseUrl() + "/health (Kafka at " + engine.bootstrapServers()
                + ", tenants " + settings.tenants() + ")");
        awaitShutdown(engine);
        return 0;
    }

    /**
     * Blocks until Ctrl-C (SIGINT) or SIGTERM, then closes the engine cleanly before the JVM exits.
     * SIGINT gets a handler of its own: a process started in the background by a script inherits
     * SIGINT as ignored, and the JVM would otherwise keep it so, leaving {@code kill -INT} unheard.
     */
    static void awaitShutdown(Engine engine) throws InterruptedException {
        Signal.handle(new Signal("INT"), signal -> System.exit(130));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("ecrm: stopping");
            engine.close();
            stopped.countDown();
        }, "ecrm-shutdown"));
        stopped.await();
    }
}
