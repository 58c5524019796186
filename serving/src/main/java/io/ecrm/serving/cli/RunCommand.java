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
        stopOnInterrupt();
        Engine engine = Engine.start(settings);
        System.out.println("ecrm is up: " + engine.baseUrl() + "/health (Kafka at " + engine.bootstrapServers()
                + ", tenants " + settings.tenants() + ")");
        awaitShutdown(engine);
        return 0;
    }

    private static final CountDownLatch INTERRUPTED = new CountDownLatch(1);

    /**
     * Makes SIGINT stop the engine as Ctrl-C does, from the first moment: a process started in the
     * background by a script inherits SIGINT as ignored, and the JVM would otherwise keep it so,
     * leaving {@code kill -INT} unheard. Called before the engine starts, since a caller may send it
     * as soon as {@code /health} answers; a SIGINT that comes while the engine is still starting
     * takes effect once it is up, through the same clean shutdown.
     */
    static void stopOnInterrupt() {
        Signal.handle(new Signal("INT"), signal -> INTERRUPTED.countDown());
    }

    /** Blocks until SIGINT or SIGTERM, then closes the engine cleanly before the JVM exits. */
    static void awaitShutdown(Engine engine) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("ecrm: stopping");
            engine.close();
            stopped.countDown();
        }, "ecrm-shutdown"));
        Thread onInterrupt = new Thread(() -> {
            try {
                INTERRUPTED.await();
                System.exit(130);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "ecrm-sigint");
        onInterrupt.setDaemon(true);
        onInterrupt.start();
        stopped.await();
    }
}
