package io.ecrm.serving.cli;

import java.util.concurrent.CountDownLatch;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * How a long-running command ({@code run}, {@code demo}, {@code broker}) ends: on SIGINT or SIGTERM,
 * through one shutdown hook that closes what it runs. SIGINT gets a handler of its own, installed
 * before anything starts, so that one that comes while the command is still starting takes effect
 * once it is up, through the same hook. A process started in the background by a script inherits
 * SIGINT as ignored, and the JVM leaves an ignored SIGINT ignored (it installs no handler for it):
 * there the command says so on the terminal, and SIGTERM is what stops it.
 */
final class StopSignals {
    private static final CountDownLatch INTERRUPTED = new CountDownLatch(1);

    private StopSignals() {
    }

    /** Records SIGINT from now on; called first, since a caller may send it as soon as the command answers. */
    static void listen() {
        SignalHandler before = Signal.handle(new Signal("INT"), signal -> INTERRUPTED.countDown());
        if (before == SignalHandler.SIG_IGN) {
            System.out.println("ecrm: SIGINT is ignored in this process (started in the background by a script?): "
                    + "stop it with SIGTERM (kill " + ProcessHandle.current().pid() + ")");
        }
    }

    /** Blocks until SIGINT or SIGTERM, then runs {@code close} (on a thread named {@code name}) before the JVM exits. */
    static void awaitStop(String name, Runnable close) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            close.run();
            stopped.countDown();
        }, name));
        Thread onInterrupt = new Thread(() -> {
            try {
                INTERRUPTED.await();
                System.exit(130);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, name + "-sigint");
        onInterrupt.setDaemon(true);
        onInterrupt.start();
        stopped.await();
    }
}
