package io.ecrm.serving.http.routes;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecrm.serving.TenantEngine;
import io.ecrm.serving.Tenants;
import io.ecrm.serving.http.ApiProblem;
import io.ecrm.serving.http.AuditTrail;
import io.ecrm.serving.http.RequestParams;
import io.ecrm.streams.Durations;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * {@code GET /v1/audit?since=24h&limit=100}: the tenant's audit trail ({@link AuditTrail}), oldest
 * first, from {@code since} (a duration back from now, {@code 30m} to {@code 400d}, or an ISO-8601
 * instant; default {@code 24h}), at most {@code limit} entries (default 100, at most 1,000) and
 * {@code more: true} when the window holds more.
 */
public final class Audit implements Handler {
    /** The answer: {@code since} as asked (the same question, the same answer while nothing new happens). */
    public record Answer(String tenant, String since, List<AuditTrail.Entry> entries, boolean more) {
    }

    private static final int MAX_LIMIT = 1_000;
    private static final Duration READ_WITHIN = Duration.ofSeconds(10);

    private final Tenants tenants;
    private final String bootstrapServers;
    private final ObjectMapper json = new ObjectMapper();

    public Audit(Tenants tenants, String bootstrapServers) {
        this.tenants = tenants;
        this.bootstrapServers = bootstrapServers;
    }

    @Override
    public void handle(Context ctx) throws IOException {
        TenantEngine tenant = RequestParams.tenant(ctx, tenants);
        long since = since(ctx.queryParam("since"));
        int limit = RequestParams.wholeNumber(ctx, "limit", 100, MAX_LIMIT);
        TopicPartition trail = new TopicPartition(tenant.topics().audit(), 0);
        List<AuditTrail.Entry> entries = new ArrayList<>();
        boolean more = false;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.CLIENT_ID_CONFIG, "ecrm-audit-" + UUID.randomUUID()),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.of(trail));
            long end = consumer.endOffsets(List.of(trail)).get(trail);
            OffsetAndTimestamp from = consumer.offsetsForTimes(Map.of(trail, since)).get(trail);
            consumer.seek(trail, from == null ? end : from.offset());
            long deadline = System.nanoTime() + READ_WITHIN.toNanos();
            while (consumer.position(trail) < end && !more) {
                if (System.nanoTime() > deadline) {
                    throw new ApiProblem(ApiProblem.Type.UNAVAILABLE, "the audit trail could not be read in time; ask again");
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() >= end) {
                        break;
                    }
                    if (entries.size() == limit) {
                        more = true;
                        break;
                    }
                    entries.add(json.readValue(record.value(), AuditTrail.Entry.class));
                }
            }
        }
        ctx.json(new Answer(tenant.topics().tenant().value(), ctx.queryParam("since") == null ? "24h" : ctx.queryParam("since"),
                entries, more));
    }

    private static long since(String value) {
        if (value == null) {
            return System.currentTimeMillis() - Duration.ofHours(24).toMillis();
        }
        var millis = Durations.millis(value);
        if (millis.isPresent()) {
            return System.currentTimeMillis() - millis.getAsLong();
        }
        try {
            return Instant.parse(value).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new ApiProblem(ApiProblem.Type.VALIDATION, "query/since must be a duration (24h, 7d) or an ISO-8601 instant",
                    List.of(new io.ecrm.schemas.FieldError("query/since", "must be a duration like 24h or 7d, or an ISO-8601 "
                            + "instant like 2026-12-01T00:00:00Z")));
        }
    }
}
