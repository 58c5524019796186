package io.ecrm.streams;

import io.ecrm.schemas.ClickEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import java.util.function.LongSupplier;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Processing runs on event time: the time the visitor acted, carried in the event, not the time
 * Kafka received it. So a replay of last year's data sessionises and windows as it happened.
 * <p>
 * Event time never runs ahead of the wall clock: an event stamped in the future counts as now. A
 * single event dated years ahead would otherwise move its partition's clock there, and every later
 * event would be refused as too late; and records stamped more than an hour ahead are refused by
 * the broker. Cleaning still judges (and refuses) the event by its own timestamp.
 */
public final class EventTimeExtractor implements TimestampExtractor {
    private final LongSupplier wallClock;

    /** @param wallClock the current time, epoch milliseconds */
    public EventTimeExtractor(LongSupplier wallClock) {
        this.wallClock = wallClock;
    }

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        long time = record.value() instanceof ClickEvent event ? event.timestampMillis() : record.timestamp();
        return Math.min(time, wallClock.getAsLong());
    }
}
