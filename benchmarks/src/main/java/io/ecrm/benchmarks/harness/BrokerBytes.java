package io.ecrm.benchmarks.harness;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.TreeMap;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Bytes the embedded broker took in, by topic: the produce requests it appended to its logs, as
 * sent (compressed batches, headers included), from its own meters in this process's JMX server.
 * Files on disk would count the indexes the broker allocates ahead (10 MiB per partition) and
 * whatever the log cleaner has compacted since; the meter counts what was written.
 */
final class BrokerBytes {
    private static final String PATTERN = "kafka.server:type=BrokerTopicMetrics,name=BytesInPerSec,topic=*";

    private BrokerBytes() {
    }

    /** Bytes in so far, by topic name. */
    static Map<String, Long> byTopic() {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        Map<String, Long> bytes = new TreeMap<>();
        try {
            for (ObjectName name : server.queryNames(new ObjectName(PATTERN), null)) {
                bytes.put(name.getKeyProperty("topic"), ((Number) server.getAttribute(name, "Count")).longValue());
            }
        } catch (JMException e) {
            throw new IllegalStateException("cannot read the broker's byte meters", e);
        }
        return bytes;
    }

    /** What each topic took in between two readings, the topics that took nothing left out. */
    static Map<String, Long> between(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> grown = new TreeMap<>();
        after.forEach((topic, bytes) -> {
            long delta = bytes - before.getOrDefault(topic, 0L);
            if (delta > 0) {
                grown.put(topic, delta);
            }
        });
        return grown;
    }
}
