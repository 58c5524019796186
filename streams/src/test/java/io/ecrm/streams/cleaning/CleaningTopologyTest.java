package io.ecrm.streams.cleaning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.ecrm.recommender.RecommenderSettings;
import io.ecrm.recommender.VisitorHistory;
import io.ecrm.schemas.ClickEvent;
import io.ecrm.schemas.EventType;
import io.ecrm.schemas.TenantId;
import io.ecrm.schemas.TenantTopics;
import io.ecrm.streams.RecommendationTopology;
import io.ecrm.streams.Stores;
import io.ecrm.streams.StreamsSettings;
import io.ecrm.streams.VisitorRecord;
import io.ecrm.streams.serde.StateSerdes;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CleaningTopologyTest {
    private static final TenantTopics TOPICS = new TenantTopics(new TenantId("shop"));
    private static final long HOUR = 3_600_000L;
    private static final long NOW = Instant.parse("2026-06-01T12:00:00Z").toEpochMilli();
    private static final CleaningSettings CLEANING = new CleaningSettings(24 * HOUR, HOUR, 48 * HOUR, 5, HOUR, 1_000);

    @TempDir
    Path stateDir;
    private TopologyTestDriver driver;
    private TestInputTopic<String, ClickEvent> events;
    private TestOutputTopic<String, byte[]> rejected;
    private final Map<RejectReason, Integer> counted = new EnumMap<>(RejectReason.class);
    private int accepted;

    @BeforeEach
    void start() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, TOPICS.applicationId());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        StreamsSettings settings = StreamsSettings.DEFAULTS.withCleaning(CLEANING);
        CleaningMetrics metrics = new CleaningMetrics() {
            @Override
            public void accepted() {
                accepted++;
            }

            @Override
            public void rejected(RejectReason reason) {
                counted.merge(reason, 1, Integer::sum);
            }
        };
        driver = new TopologyTestDriver(RecommendationTopology.buildTopology(TOPICS, RecommenderSettings.DEFAULTS, settings,
                BotUserAgents.shipped(), metrics, () -> NOW), props, Instant.ofEpochMilli(NOW));
        events = driver.createInputTopic(TOPICS.events(), StateSerdes.keys().serializer(), StateSerdes.events().serializer());
        rejected = driver.createOutputTopic(TOPICS.rejected(), new StringDeserializer(), new ByteArrayDeserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private static ClickEvent view(String id, long time, String visitor, String item, String userAgent) {
        return new ClickEvent(id, EventType.PRODUCT_VIEW, time, visitor, null, null, item, 1, null, null, null, null,
                userAgent, null);
    }

    private void send(ClickEvent event) {
        events.pipeInput(event.visitorKey(), event);
    }

    private List<String> rejectedReasons() {
        List<String> reasons = new ArrayList<>();
        rejected.readValuesToList().forEach(bytes -> reasons.add(StateSerdes.rejectedFromBytes(bytes).reason()));
        return reasons;
    }

    private List<String> history(String visitor) {
        KeyValueStore<String, VisitorRecord> store = driver.getKeyValueStore(Stores.VISITORS);
        VisitorRecord record = store.get("a:" + visitor);
        VisitorHistory history = record == null ? null : record.history();
        return history == null ? List.of() : history.recentItemIds();
    }

    @Test
    void theSameEventIdWithinTheWindowCountsOnce() {
        send(view("e1", NOW - 10 * HOUR, "v", "a", null));
        send(view("e1", NOW - 10 * HOUR, "v", "a", null));
        send(view("e2", NOW - 9 * HOUR, "v", "b", null));
        assertEquals(List.of("duplicate"), rejectedReasons());
        assertEquals(2, accepted);
        assertEquals(List.of("b", "a"), history("v"));
        KeyValueStore<String, Double> weights = driver.getKeyValueStore(Stores.ITEM_WEIGHTS);
        assertEquals(1.0, weights.get("a"), "the duplicate did not count");
    }

    @Test
    void theSameEventIdOutsideTheWindowIsANewEvent() {
        send(view("e1", NOW - 40 * HOUR, "v", "a", null));
        send(view("e1", NOW - 40 * HOUR + 25 * HOUR, "v", "a", null));
        assertEquals(List.of(), rejectedReasons());
        assertEquals(2, accepted);
    }

    @Test
    void eventsFromTheFutureAreRefused() {
        send(view("e1", NOW + 2 * HOUR, "v", "a", null));
        send(view("e2", NOW + HOUR / 2, "v", "b", null));
        assertEquals(List.of("time_in_future"), rejectedReasons());
        assertEquals(List.of("b"), history("v"));
    }

    @Test
    void anEventYearsAheadIsRefusedWithoutMovingTheClockThatJudgesLateness() {
        send(view("e1", NOW + 10 * 365 * 24 * HOUR, "v", "a", null));
        send(view("e2", NOW - 30 * HOUR, "v", "b", null)); // within the 48 h grace of the clock, which stayed at now
        assertEquals(List.of("time_in_future"), rejectedReasons());
        assertEquals(List.of("b"), history("v"));
    }

    @Test
    void lateEventsWithinGraceAreProcessedAndOlderOnesRefused() {
        send(view("e1", NOW - HOUR, "v", "a", null));
        send(view("e2", NOW - 30 * HOUR, "v", "b", null));
        send(view("e3", NOW - 50 * HOUR, "v", "c", null));
        assertEquals(List.of("too_late"), rejectedReasons());
        assertEquals(List.of("b", "a"), history("v"));
        assertEquals(Map.of(RejectReason.TOO_LATE, 1), counted);
    }

    @Test
    void crawlersByUserAgentAreRefused() {
        send(view("e1", NOW - HOUR, "g", "a", "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"));
        assertEquals(List.of("bot_user_agent"), rejectedReasons());
        assertEquals(List.of(), history("g"));
    }

    @Test
    void aVisitorFasterThanAPersonIsQuarantinedAsABot() {
        for (int i = 0; i < 8; i++) {
            send(view("e" + i, NOW - HOUR + i * 10, "fast", "item-" + i, null));
        }
        send(view("later", NOW - HOUR + 30 * 60_000, "fast", "x", null));
        send(view("p1", NOW - HOUR, "person", "y", null));
        assertEquals(List.of("bot_behaviour", "bot_behaviour", "bot_behaviour", "bot_behaviour"), rejectedReasons());
        assertEquals(5, history("fast").size());
        assertEquals(List.of("y"), history("person"));
        assertNull(counted.get(RejectReason.DUPLICATE));
    }
}
