package io.ecrm.serving;

import io.ecrm.ingest.EventPublisher;
import io.ecrm.ingest.demo.DemoClickstream;
import io.ecrm.schemas.ClickEvent;
import io.ecrm.schemas.TenantTopics;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;

/**
 * Loads the demo clickstream through Kafka, once: when the tenant's events topic already holds
 * events (a restart), it is left as it is, so state is never counted twice.
 */
public final class DemoSeeder {
    public static final int VISITORS = 600;
    public static final long SEED = 42;

    private DemoSeeder() {
    }

    /** Returns the number of events sent, 0 when the topic already had events. */
    public static int seedOnce(Admin admin, EventPublisher publisher, TenantTopics topics) throws Exception {
        if (eventsOnTopic(admin, topics) > 0) {
            return 0;
        }
        List<ClickEvent> events = DemoClickstream.generate(VISITORS, SEED);
        return publisher.publish(topics, events).get(60, TimeUnit.SECONDS);
    }

    private static long eventsOnTopic(Admin admin, TenantTopics topics) throws Exception {
        TopicDescription topic = admin.describeTopics(List.of(topics.events())).allTopicNames().get(30, TimeUnit.SECONDS)
                .get(topics.events());
        Map<TopicPartition, OffsetSpec> latest = topic.partitions().stream().collect(Collectors.toMap(
                p -> new TopicPartition(topics.events(), p.partition()), p -> OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> offsets = admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS);
        return offsets.values().stream().mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset).sum();
    }
}
