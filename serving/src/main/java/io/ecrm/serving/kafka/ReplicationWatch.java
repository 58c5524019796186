package io.ecrm.serving.kafka;

import io.ecrm.schemas.TenantTopics;
import io.ecrm.streams.StreamsSettings;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the replication of the tenants' topics (their own and Streams' changelogs and
 * repartition topics): a topic created with fewer copies than the engine now wants (made on a
 * smaller cluster, or before the setting changed), or a partition with fewer copies in sync than
 * writes need (a broker is down), is a warning: logged when first seen and listed by
 * {@code /health} until it is gone. Existing topics are never changed: adding replicas is a
 * reassignment the operator starts ({@code kafka-reassign-partitions}).
 */
public final class ReplicationWatch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicationWatch.class);
    static final long PERIOD_MILLIS = 15_000;
    private static final int TIMEOUT_MILLIS = 5_000;

    private final Admin admin;
    private final List<TenantTopics> tenants;
    private final StreamsSettings wanted;
    private final ScheduledExecutorService scheduler;
    private volatile List<String> warnings = List.of();

    /** Checks once now (so a start logs what it found), then every {@link #PERIOD_MILLIS} in the background. */
    public ReplicationWatch(Admin admin, List<TenantTopics> tenants, StreamsSettings wanted) {
        this.admin = admin;
        this.tenants = List.copyOf(tenants);
        this.wanted = wanted;
        check();
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "ecrm-replication-watch");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::check, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** The replication the engine gives the topics it creates, settled for the cluster. */
    public StreamsSettings wanted() {
        return wanted;
    }

    /** What is short of the wanted replication now; empty when every topic has it. */
    public List<String> warnings() {
        return warnings;
    }

    private void check() {
        try {
            Set<String> names = admin.listTopics().names().get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            List<String> ours = names.stream().filter(this::tenantTopic).toList();
            Collection<TopicDescription> described = admin.describeTopics(ours).allTopicNames()
                    .get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS).values();
            List<String> found = shortfalls(described, wanted);
            for (String warning : found) {
                if (!warnings.contains(warning)) {
                    LOG.warn("replication: {}", warning);
                }
            }
            warnings = found;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // the broker probe reports an unreachable cluster; the last answer stands meanwhile
            LOG.debug("replication check failed: {}", e.toString());
        }
    }

    private boolean tenantTopic(String name) {
        return tenants.stream().anyMatch(topics -> topics.owns(name));
    }

    /**
     * One line per topic short of {@code wanted}'s replication factor, and one per partition with
     * fewer replicas in sync than its minimum (writes to it fail), by topic name.
     */
    static List<String> shortfalls(Collection<TopicDescription> topics, StreamsSettings wanted) {
        List<String> found = new ArrayList<>();
        topics.stream().sorted(Comparator.comparing(TopicDescription::name)).forEach(topic -> {
            int fewest = topic.partitions().stream().mapToInt(p -> p.replicas().size()).min().orElse(0);
            if (fewest < wanted.replicationFactor()) {
                found.add(topic.name() + " has " + fewest + " " + (fewest == 1 ? "copy" : "copies") + " of a partition, "
                        + wanted.replicationFactor() + " wanted: a broker lost takes its data along; reassign its partitions");
            }
            int minInsync = Math.min(wanted.minInsyncReplicas(), fewest);
            for (TopicPartitionInfo partition : topic.partitions()) {
                if (partition.isr().size() < Math.max(1, minInsync)) {
                    found.add(topic.name() + "-" + partition.partition() + " has " + partition.isr().size() + " of "
                            + partition.replicas().size() + " copies in sync, " + minInsync + " needed for a write");
                }
            }
        });
        return List.copyOf(found);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
