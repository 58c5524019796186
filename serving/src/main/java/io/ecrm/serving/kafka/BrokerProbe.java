package io.ecrm.serving.kafka;

import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/** Tells whether the Kafka cluster answers; the answer is reused for a second so probes stay cheap. */
public final class BrokerProbe {
    private static final long REUSE_MILLIS = 1_000;
    private final Admin admin;
    private volatile boolean reachable;
    private volatile long checkedAt;

    public BrokerProbe(Admin admin) {
        this.admin = admin;
    }

    public boolean reachable() {
        long now = System.currentTimeMillis();
        if (now - checkedAt >= REUSE_MILLIS) {
            boolean answered;
            try {
                answered = admin.describeCluster(new DescribeClusterOptions().timeoutMs(2_000))
                        .nodes().get(2_500, TimeUnit.MILLISECONDS).size() > 0;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                answered = false;
            } catch (Exception e) {
                answered = false;
            }
            reachable = answered;
            checkedAt = now;
        }
        return reachable;
    }
}
