package io.ecrm.benchmarks.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecrm.schemas.ClickEvent;
import io.ecrm.schemas.EventDecoder;
import io.ecrm.schemas.EventType;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShopTrafficTest {
    @Test
    void aShareOfViewsIsFollowedByAnImpressionAndClicksOnItsItemsNameIt() throws Exception {
        long[] clock = {1_800_000_000_000L};
        ShopTraffic traffic = new ShopTraffic(5, 1_000, 500, "t", () -> clock[0] += 1_000, 0.5);
        StringBuilder json = new StringBuilder("[");
        int views = 0;
        int impressions = 0;
        int clicks = 0;
        Map<String, ClickEvent> lastImpression = new HashMap<>();
        ClickEvent previous = null;
        for (int i = 0; i < 20_000; i++) {
            ClickEvent event = traffic.next();
            ShopTraffic.appendJson(event, json.append(i == 0 ? "" : ","));
            if (event.type() == EventType.IMPRESSION) {
                impressions++;
                assertEquals(ShopTraffic.SHOWN, event.itemIds().size());
                assertEquals(EventType.PRODUCT_VIEW, previous.type(), "an impression follows its view");
                assertEquals(previous.visitorKey(), event.visitorKey());
                lastImpression.put(event.recommendationId(), event);
            } else {
                views += event.type() == EventType.PRODUCT_VIEW ? 1 : 0;
                if (event.recommendationId() != null) {
                    clicks++;
                    ClickEvent shown = lastImpression.get(event.recommendationId());
                    assertEquals(shown.visitorKey(), event.visitorKey(), "a list shown to this visitor");
                    assertTrue(shown.itemIds().contains(event.itemId()));
                }
            }
            previous = event;
        }
        assertEquals(0.5, impressions / (double) views, 0.03);
        assertTrue(clicks > 500, "clicks " + clicks);
        EventDecoder.Batch batch = new EventDecoder().decodeBatch(new ObjectMapper().readTree(json.append(']').toString()));
        assertTrue(batch.valid(), () -> batch.errors().subList(0, Math.min(5, batch.errors().size())).toString());
        assertEquals(20_000, batch.events().size());
    }
}
