package io.ecrm.streams.items;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecrm.recommender.EventKind;
import io.ecrm.recommender.ItemUpdate;
import io.ecrm.streams.serde.StateSerdes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ItemUpdateSumsTest {
    @Test
    void sumsEachItemsUpdatesAndReachesTheItemSideAsItsDelta() {
        ItemUpdateSums sums = new ItemUpdateSums();
        assertTrue(sums.isEmpty());
        // a views b after a, then a purchase of b after c
        sums.add(EventKind.VIEW, List.of(new ItemUpdate("b", 1.0, Map.of("a", 1.0)), new ItemUpdate("a", 0.0, Map.of("b", 1.0))),
                List.of(new ItemUpdate("a", 1.0, Map.of("b", 1.0))));
        sums.add(EventKind.PURCHASE, List.of(new ItemUpdate("b", 5.0, Map.of("c", 1.0, "a", 0.5)),
                new ItemUpdate("c", 0.0, Map.of("b", 1.0))), List.of());

        List<ItemUpdateSums.ItemSum> all = sums.sums();
        assertEquals(List.of("a", "b", "c"), all.stream().map(ItemUpdateSums.ItemSum::itemId).toList(), "in item order");
        ItemDelta b = StateSerdes.ITEM_DELTA.fromBytes(StateSerdes.itemSumToBytes(all.get(1)));
        assertEquals(new ItemUpdate("b", 6.0, Map.of("a", 1.5, "c", 1.0)), b.update());
        assertEquals(new ItemUpdate("b", 0.0, Map.of()), b.follows());
        assertEquals(List.of(1L, 0L, 1L), List.of(b.views(), b.carts(), b.purchases()));
        ItemDelta a = StateSerdes.ITEM_DELTA.fromBytes(StateSerdes.itemSumToBytes(all.get(0)));
        assertEquals(new ItemUpdate("a", 1.0, Map.of("b", 1.0)), a.follows());
        assertEquals(0L, a.views(), "counted for the event's own item only");
    }

    @Test
    void aTableOfManyKeysKeepsEverySum() {
        WeightTable table = new WeightTable();
        Map<String, Double> expected = new HashMap<>();
        for (int i = 0; i < 10_000; i++) {
            String key = "item-" + (i % 3_000);
            table.add(key, i);
            expected.merge(key, (double) i, Double::sum);
        }
        Map<String, Double> actual = new HashMap<>();
        table.forEach(actual::put);
        assertEquals(expected, actual);
        assertEquals(3_000, table.size());
    }
}
