package io.ecrm.streams;

import io.ecrm.schemas.ClickEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Processing runs on event time: the time the visitor acted, carried in the event, not the time
 * Kafka received it. So a replay of last year's data sessionises and windows as it happened.
 */
public final class EventTimeExtractor implements TimestampExtractor {
    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        if (record.value() instanceof ClickEvent event) {
            return event.timestampMillis();
        }
        return record.timestamp();
    }
}
