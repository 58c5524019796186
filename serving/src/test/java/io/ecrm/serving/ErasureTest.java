package io.ecrm.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecrm.schemas.TenantId;
import io.ecrm.schemas.TenantTopics;
import io.ecrm.streams.Stores;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * After {@code DELETE /v1/customers/{id}} no store and no changelog holds the customer: every
 * store named in {@link Stores} (found by reflection, so a new store is checked too) and every
 * changelog topic of the tenant, read to its end, where the latest value of each key is what
 * compaction keeps. The raw topics that still hold the customer are exactly the ones README
 * "Forgetting" names (events until retention, and the erasure request itself).
 */
class ErasureTest {
    private static final TenantTopics TOPICS = new TenantTopics(new TenantId("demo"));
    /** The erased visitor's ids; event ids are chosen not to contain them (they are the sender's, kept for dedup). */
    private static final String ANONYMOUS = "anon-erase-7q";
    private static final String CUSTOMER = "cust-erase-9q";
    private static final List<String> ERASED = List.of(ANONYMOUS, CUSTOMER);

    @TempDir
    Path dir;

    private static String event(String id, String type, long t, String idField, String visitor, String item) {
        return "{\"eventId\":\"" + id + "\",\"type\":\"" + type + "\",\"timestamp\":" + t + ",\"" + idField + "\":\"" + visitor + "\""
                + (item == null ? "" : ",\"itemId\":\"" + item + "\"") + ",\"userAgent\":\"Mozilla/5.0\"}";
    }

    @Test
    void anErasedCustomerIsInNoStoreAndNoChangelog() throws Exception {
        TestEngines.writeKeys(dir);
        try (Engine engine = Engine.start(TestEngines.embedded(dir))) {
            HttpClientSupport http = new HttpClientSupport(engine.baseUrl(), TestEngines.DEMO_KEY);
            http.await("/health", r -> r.status() == 200 && "RUNNING".equals(r.body().at("/tenants/demo").asText()),
                    Duration.ofSeconds(60));
            long t = 1_763_975_730_000L;
            List<String> events = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                events.add(event("x" + i, "product_view", t + i * 10_000L, "anonymousId", ANONYMOUS, "item-" + (i % 4)));
                events.add(event("y" + i, i % 3 == 0 ? "purchase" : "add_to_cart", t + i * 10_000L + 1, "customerId", CUSTOMER,
                        "item-" + (i % 5)));
                events.add(event("z" + i, "product_view", t + i * 10_000L + 2, "anonymousId", "keeps-" + (i % 3), "item-" + (i % 4)));
            }
            events.add(event("s1", "search", t + 200_000L, "customerId", CUSTOMER, null).replace("}", ",\"query\":\"shoes\"}"));
            events.add(event("x0", "product_view", t, "anonymousId", ANONYMOUS, "item-0")); // a duplicate, refused by cleaning
            assertEquals(202, http.post("/v1/events", "application/json", "[" + String.join(",", events) + "]").status());
            for (String id : ERASED) {
                http.await("/v1/customers/" + id, r -> r.status() == 200, Duration.ofSeconds(30));
            }
            http.await("/v1/items/item-0/similar", r -> r.status() == 200, Duration.ofSeconds(30));

            for (String id : ERASED) {
                assertEquals(202, http.raw(http.request("/v1/customers/" + id).DELETE()).status());
            }
            for (String id : ERASED) {
                http.await("/v1/customers/" + id, r -> r.status() == 404, Duration.ofSeconds(30));
            }
            assertEquals(200, http.get("/v1/customers/keeps-1").status(), "other visitors are kept");

            KafkaStreams streams = engine.tenants().find("demo").orElseThrow().streams().kafkaStreams();
            List<String> stores = storeNames();
            assertTrue(stores.size() >= 9, "every store is checked: " + stores);
            for (String store : stores) {
                for (String entry : entries(streams, store)) {
                    for (String id : ERASED) {
                        assertFalse(entry.contains(id), "store " + store + " still holds " + id + ": " + entry);
                    }
                }
            }

            List<String> changelogs = engine.admin().listTopics().names().get().stream()
                    .filter(name -> name.startsWith(TOPICS.applicationId() + "-") && name.endsWith("-changelog")).sorted().toList();
            assertTrue(changelogs.size() >= 7, "the tenant's changelogs: " + changelogs);
            // the tombstones are committed with the next transaction; read again until they are
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            List<String> live = List.of("not read yet");
            while (!live.isEmpty() && System.nanoTime() < deadline) {
                live = new ArrayList<>();
                for (String topic : changelogs) {
                    for (Map.Entry<String, String> latest : latestValues(engine.bootstrapServers(), topic).entrySet()) {
                        for (String id : ERASED) {
                            if (latest.getValue() != null && (latest.getKey().contains(id) || latest.getValue().contains(id))) {
                                live.add(topic + ": " + latest.getKey() + " -> " + latest.getValue());
                            }
                        }
                    }
                }
                Thread.sleep(live.isEmpty() ? 0 : 500);
            }
            assertEquals(List.of(), live, "the latest value of every key mentioning the customer is a tombstone");

            Set<String> rawHolders = new TreeSet<>();
            for (String topic : engine.admin().listTopics().names().get()) {
                if (topic.startsWith("ecrm.demo.")) {
                    read(engine.bootstrapServers(), topic, (key, value) -> {
                        if (ERASED.stream().anyMatch(id -> key.contains(id) || (value != null && value.contains(id)))) {
                            rawHolders.add(topic);
                        }
                    });
                }
            }
            // events and the refused duplicate until retention, the erasure request itself, and the audit trail's
            // record of the erasure, which names the id erased (README "Forgetting")
            assertEquals(new TreeSet<>(List.of(TOPICS.events(), TOPICS.rejected(), TOPICS.forget(), TOPICS.audit())), rawHolders);
            System.out.printf("erasure: %d stores and %d changelogs hold nothing of the customer; raw topics holding it until "
                    + "retention: %s%n", stores.size(), changelogs.size(), rawHolders);
        }
    }

    /** Every store name declared in {@link Stores}. */
    private static List<String> storeNames() throws IllegalAccessException {
        List<String> names = new ArrayList<>();
        for (Field field : Stores.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                String value = (String) field.get(null);
                if (value.indexOf('\u0000') < 0) { // the key prefixes of totals are not stores
                    names.add(value);
                }
            }
        }
        return names;
    }

    /** Every key and value of the store, as text. */
    private static List<String> entries(KafkaStreams streams, String store) {
        List<String> entries = new ArrayList<>();
        try {
            try (KeyValueIterator<Object, Object> all = streams.store(StoreQueryParameters.fromNameAndType(store,
                    QueryableStoreTypes.<Object, Object>keyValueStore())).all()) {
                all.forEachRemaining(kv -> entries.add(kv.key + " -> " + kv.value));
            }
        } catch (InvalidStateStoreException notKeyValue) {
            try (KeyValueIterator<Windowed<Object>, Object> all = streams.store(StoreQueryParameters.fromNameAndType(store,
                    QueryableStoreTypes.<Object, Object>windowStore())).all()) {
                all.forEachRemaining(kv -> entries.add(kv.key.key() + " -> " + kv.value));
            }
        }
        return entries;
    }

    /** The latest value of every key of a topic (null for a tombstone), read to its end, as text. */
    private static Map<String, String> latestValues(String bootstrap, String topic) {
        Map<String, String> latest = new HashMap<>();
        read(bootstrap, topic, latest::put);
        return latest;
    }

    /** Every committed record of a topic, in order per partition, as text (a null value for a tombstone). */
    private static void read(String bootstrap, String topic, java.util.function.BiConsumer<String, String> action) {
        TestEngines.readTopic(bootstrap, topic, (key, value) -> action.accept(
                key == null ? "" : Bytes.wrap(key).toString() + " " + new String(key, StandardCharsets.UTF_8),
                value == null ? null : new String(value, StandardCharsets.UTF_8)));
    }
}
