package io.ecrm.benchmarks.harness;

import io.ecrm.schemas.ClickEvent;
import java.nio.charset.StandardCharsets;

/** One {@code POST /v1/events} body made from generated traffic, with what it adds to the item counts. */
record EventBatch(byte[] body, int events, double weight) {
    static EventBatch next(ShopTraffic traffic, int size) {
        StringBuilder json = new StringBuilder(size * 140).append('[');
        double weight = 0;
        for (int i = 0; i < size; i++) {
            ClickEvent event = traffic.next();
            if (i > 0) {
                json.append(',');
            }
            ShopTraffic.appendJson(event, json);
            weight += ShopTraffic.weightOf(event.type());
        }
        return new EventBatch(json.append(']').toString().getBytes(StandardCharsets.UTF_8), size, weight);
    }
}
