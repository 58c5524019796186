package io.ecrm.recommender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ItemNeighboursTest {
    @Test
    void aSpecificCompanionOutranksAnItemThatIsEverywhere() {
        // "case" is seen 10 times, 8 of them with "phone"; "bag" is seen 1000 times, 10 with "phone".
        ItemCooccurrence phone = new ItemCooccurrence(20, Map.of("case", 8.0, "bag", 10.0));
        Map<String, Double> counts = Map.of("case", 10.0, "bag", 1000.0);
        ItemNeighbours neighbours = ItemNeighbours.score(phone, counts::get, 10_000, 10);
        assertEquals(List.of("case", "bag"), neighbours.neighbours().stream().map(ScoredItem::itemId).toList());
    }

    @Test
    void keepsOnlyTheBestAndDropsIndependentItems() {
        // 'x' co-occurs exactly as often as chance predicts: n(i)=100, n(x)=100, total=1000 -> 10 together.
        ItemCooccurrence item = new ItemCooccurrence(100, Map.of("x", 10.0, "a", 50.0, "b", 40.0, "c", 30.0));
        Map<String, Double> counts = Map.of("x", 100.0, "a", 60.0, "b", 60.0, "c", 60.0);
        ItemNeighbours neighbours = ItemNeighbours.score(item, counts::get, 1000, 2);
        assertEquals(List.of("a", "b"), neighbours.neighbours().stream().map(ScoredItem::itemId).toList());
        ItemNeighbours all = ItemNeighbours.score(item, counts::get, 1000, 10);
        assertTrue(all.neighbours().stream().noneMatch(s -> s.itemId().equals("x")));
    }

    @Test
    void pruningKeepsTheStrongestCoItems() {
        ItemCooccurrence item = new ItemCooccurrence();
        for (int i = 0; i < 20; i++) {
            item.apply(new ItemUpdate("i", 1.0, Map.of("co" + i, (double) i)), 8);
        }
        assertTrue(item.coWeights().size() <= 10, "bounded at maxCandidates + 25%");
        item.prune(3);
        assertEquals(Map.of("co19", 19.0, "co18", 18.0, "co17", 17.0), item.coWeights());
        assertEquals(20.0, item.weight());
    }

    @Test
    void followsAreSharesOfWhatFollowedTheItem() {
        // after "a": "b" with weight 3 (1 + 1 + 1), "c" 1, "d" 0.5 (two clicks on): 4.5 in all
        ItemCooccurrence a = new ItemCooccurrence(4.5, Map.of("b", 3.0, "c", 1.0, "d", 0.5));
        ItemNeighbours follows = ItemNeighbours.follows(a, 2);
        assertEquals(List.of(new ScoredItem("b", 3 / 4.5), new ScoredItem("c", 1 / 4.5)), follows.neighbours());
        assertEquals(ItemNeighbours.NONE, ItemNeighbours.follows(new ItemCooccurrence(), 2));
    }
}
