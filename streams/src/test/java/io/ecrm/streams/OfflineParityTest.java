package io.ecrm.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecrm.recommender.InMemoryModel;
import io.ecrm.recommender.ItemNeighbours;
import io.ecrm.recommender.RecommenderSettings;
import io.ecrm.schemas.ClickEvent;
import io.ecrm.schemas.EventType;
import io.ecrm.schemas.TenantId;
import io.ecrm.schemas.TenantTopics;
import io.ecrm.streams.serde.StateSerdes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training offline and streaming are one code path: the same events through the topology and
 * through {@link InMemoryModel} (what {@code ecrm evaluate} trains) give identical neighbour lists.
 */
class OfflineParityTest {
    private static final TenantTopics TOPICS = new TenantTopics(new TenantId("shop"));
    private static final EventType[] TYPES = {EventType.PRODUCT_VIEW, EventType.PRODUCT_VIEW, EventType.PRODUCT_VIEW,
            EventType.PRODUCT_VIEW, EventType.ADD_TO_CART, EventType.REMOVE_FROM_CART, EventType.PURCHASE,
            EventType.PAGE_VIEW};

    @TempDir
    Path stateDir;

    /** 150 events of 20 visitors on 15 items, a power-law-ish choice of item, with pauses that break visits. */
    private static List<ClickEvent> events() {
        Random random = new Random(42);
        List<ClickEvent> events = new ArrayList<>();
        long time = 1_763_975_730_000L;
        for (int e = 0; e < 150; e++) {
            time += e % 40 == 39 ? 40 * 60_000L : 1_000L; // every 40 events, a pause past the 30-minute window
            int item = (int) Math.floor(15 * Math.pow(random.nextDouble(), 2));
            EventType type = TYPES[random.nextInt(TYPES.length)];
            String visitor = "v" + random.nextInt(20);
            events.add(type == EventType.PAGE_VIEW ? ClickEvent.item("e" + e, type, time, visitor, null)
                    : ClickEvent.item("e" + e, type, time, visitor, "item-" + item));
        }
        return events;
    }

    @Test
    void theTopologyAndTheOfflineModelGiveTheSameSimilarAndFollowsLists() {
        RecommenderSettings settings = RecommenderSettings.DEFAULTS;
        List<ClickEvent> events = events();

        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, TOPICS.applicationId());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        InMemoryModel offline = new InMemoryModel(settings);
        try (TopologyTestDriver driver = new TopologyTestDriver(
                RecommendationTopology.buildTopology(TOPICS, settings, StreamsSettings.DEFAULTS), props)) {
            TestInputTopic<String, ClickEvent> input = driver.createInputTopic(TOPICS.events(),
                    StateSerdes.keys().serializer(), StateSerdes.events().serializer());
            for (ClickEvent event : events) {
                input.pipeInput(event.visitorKey(), event, event.timestampMillis());
                EventKinds.of(event.type()).filter(kind -> event.itemId() != null).ifPresent(kind ->
                        offline.observe(event.visitorKey(), null, event.itemId(), kind, event.timestampMillis()));
            }
            // the visitor side sent its updates at each commit; the item side scores
            driver.advanceWallClockTime(Duration.ofMillis(StreamsSettings.DEFAULTS.neighbourRefreshMillis()));
            offline.refresh();

            KeyValueStore<String, ItemNeighbours> streamed = driver.getKeyValueStore(Stores.ITEM_NEIGHBOURS);
            List<String> items = offline.items();
            assertTrue(items.size() >= 12, "most of the 15 items were seen: " + items.size());
            KeyValueStore<String, ItemNeighbours> streamedFollows = driver.getKeyValueStore(Stores.ITEM_FOLLOWS_GLOBAL);
            int withFollows = 0;
            for (String item : items) {
                assertEquals(offline.similar(item), streamed.get(item), item);
                ItemNeighbours follows = streamedFollows.get(item);
                assertEquals(offline.follows(item), follows == null ? ItemNeighbours.NONE : follows, "follows of " + item);
                withFollows += follows == null ? 0 : 1;
            }
            assertTrue(withFollows >= 10, "most items have something that followed them: " + withFollows);
        }
    }
}
