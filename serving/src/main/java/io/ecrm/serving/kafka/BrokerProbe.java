package io.ecrm.serving.kafka;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * Tells whether the Kafka cluster answers. A background thread asks every {@link #PERIOD_MILLIS},
 * so a reader never waits: {@code /health} and the event routes (which refuse batches at once
 * while the broker is away, rather than holding a request for the delivery timeout) read the
 * latest answer.
 */
public final class BrokerProbe implements AutoCloseable {
    static final long PERIOD_MILLIS = 500;
    private static final int TIMEOUT_MILLIS = 1_500;

    private final Admin admin;
    private final ScheduledExecutorService scheduler;
    private volatile boolean reachable = true;

    /** Starts probing; the first answer is "reachable", as the engine has just talked to the cluster. */
    public BrokerProbe(Admin admin) {
        this.admin = admin;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "ecrm-broker-probe");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::probe, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }

    public boolean reachable() {
        return reachable;
    }

    private void probe() {
        boolean answered;
        try {
            answered = !admin.describeCluster(new DescribeClusterOptions().timeoutMs(TIMEOUT_MILLIS))
                    .nodes().get(TIMEOUT_MILLIS + 500L, TimeUnit.MILLISECONDS).isEmpty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            answered = false;
        }
        reachable = answered;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
