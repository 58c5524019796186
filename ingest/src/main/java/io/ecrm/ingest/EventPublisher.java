package io.ecrm.ingest;

import io.ecrm.schemas.CatalogItem;
import io.ecrm.schemas.CatalogJson;
import io.ecrm.schemas.ClickEvent;
import io.ecrm.schemas.EventJson;
import io.ecrm.schemas.TenantTopics;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes validated events to a tenant's events topic, keyed by visitor so that one visitor's events
 * stay in order on one partition. The producer is idempotent with acks=all: a retried send is
 * never duplicated by the broker, and an acknowledged event is on every in-sync replica.
 */
public final class EventPublisher implements AutoCloseable {
    /** How long bulk loaders (replay, ingest-log) let Kafka take a batch before it fails. */
    public static final Duration BULK_DELIVERY_TIMEOUT = Duration.ofSeconds(30);

    private final Producer<String, byte[]> producer;

    public EventPublisher(String bootstrapServers) {
        this(bootstrapServers, BULK_DELIVERY_TIMEOUT);
    }

    /**
     * A publisher whose every send ends, acknowledged or failed, within {@code deliveryTimeout}
     * (at least 2 s): a third of it may go to waiting for topic metadata or buffer space (the only
     * time {@link #publish} blocks its caller), half of it to one request to the broker, and the
     * whole of it to retries. An outage thus fails batches in bounded time instead of holding
     * threads.
     */
    public EventPublisher(String bootstrapServers, Duration deliveryTimeout) {
        long delivery = Math.max(2_000, deliveryTimeout.toMillis());
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) (delivery / 2 - 5));
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) delivery);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, delivery / 3);
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    /**
     * Sends every event of a batch; the future completes when all are acknowledged, or fails with
     * the first error. A failed batch may be partly written: senders retry it whole, and the
     * events keep their ids so the engine can count each once. When a send fails at once (no
     * metadata or buffer space within the blocking bound) the rest of the batch is not sent, so
     * the caller waits for that bound once, not once per event.
     */
    public CompletableFuture<Integer> publish(TenantTopics topics, List<ClickEvent> events) {
        return sendAll(events.stream().map(event ->
                new ProducerRecord<>(topics.events(), event.visitorKey(), EventJson.toBytes(event))).toList())
                .thenApply(done -> events.size());
    }

    /** Sends catalogue items, keyed by item id: the compacted topic keeps the latest of each item. */
    public CompletableFuture<Integer> publishCatalog(TenantTopics topics, List<CatalogItem> items) {
        return sendAll(items.stream().map(item ->
                new ProducerRecord<>(topics.catalog(), item.itemId(), CatalogJson.toBytes(item))).toList())
                .thenApply(done -> items.size());
    }

    /**
     * Asks the engine to erase visitors: one record per visitor key on the tenant's forget topic.
     * The future completes when the requests are acknowledged; the erasure follows within the
     * topology's commit interval.
     */
    public CompletableFuture<Void> forget(TenantTopics topics, List<String> visitorKeys, String requestedBy) {
        byte[] who = requestedBy.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return sendAll(visitorKeys.stream().map(key -> new ProducerRecord<>(topics.forget(), key, who)).toList());
    }

    /** Appends one record (JSON) to the tenant's audit trail; the future completes when it is acknowledged. */
    public CompletableFuture<Void> audit(TenantTopics topics, byte[] record) {
        return sendAll(List.of(new ProducerRecord<>(topics.audit(), null, record)));
    }

    /** Sends every record; the future completes when all are acknowledged, or fails with the first error. */
    private CompletableFuture<Void> sendAll(List<ProducerRecord<String, byte[]>> records) {
        @SuppressWarnings("unchecked")
        CompletableFuture<Void>[] acks = new CompletableFuture[records.size()];
        for (int i = 0; i < records.size(); i++) {
            CompletableFuture<Void> ack = new CompletableFuture<>();
            acks[i] = ack;
            producer.send(records.get(i), (metadata, error) -> {
                if (error == null) {
                    ack.complete(null);
                } else {
                    ack.completeExceptionally(error);
                }
            });
            if (ack.isCompletedExceptionally()) {
                return ack; // failed at once (the broker is away): the rest would each block in turn
            }
        }
        return CompletableFuture.allOf(acks);
    }

    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close();
    }

    /** Closes within {@code bound}: sends not acknowledged by then fail (their requests got no 2xx). */
    public void close(java.time.Duration bound) {
        producer.close(bound);
    }
}
