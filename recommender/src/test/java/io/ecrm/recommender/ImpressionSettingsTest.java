package io.ecrm.recommender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ImpressionSettingsTest {
    private static final long HOUR = 3_600_000L;
    private static final long DAY = 24 * HOUR;
    private static final ImpressionSettings SETTINGS = new ImpressionSettings(0.5, DAY, 3, 7 * DAY);

    @Test
    void eachFreshIgnoredShowingMultipliesByThePenaltyAndFadesWithItsHalfLife() {
        ShownItems shown = ShownItems.NONE.shown(List.of("a", "b"), 0).shown(List.of("a"), 0);
        IgnoredItems now = SETTINGS.judge(shown, 0);
        assertEquals(0.25, now.factor("a"), 1e-12);
        assertEquals(0.5, now.factor("b"), 1e-12);
        assertEquals(1.0, now.factor("never-shown"), 1e-12);
        // a day later each showing weighs half: b costs 0.5^0.5
        assertEquals(Math.sqrt(0.5), SETTINGS.judge(shown, DAY).factor("b"), 1e-12);
        assertTrue(now.hidden().isEmpty(), "two showings hide nothing at 3");
    }

    @Test
    void hidesAfterTheThirdIgnoredShowingWithinTheWindowOnly() {
        ShownItems shown = ShownItems.NONE.shown(List.of("a", "b"), 0).shown(List.of("a", "b"), DAY)
                .shown(List.of("a"), 2 * DAY);
        assertEquals(Set.of("a"), SETTINGS.judge(shown, 2 * DAY).hidden());
        assertEquals(Set.of("a"), SETTINGS.judge(shown, 7 * DAY).hidden(), "the first of the three is 7 days back");
        assertEquals(Set.of(), SETTINGS.judge(shown, 7 * DAY + 1).hidden(), "now it is out of the window");
        ImpressionSettings neverHide = new ImpressionSettings(0.5, DAY, 0, 7 * DAY);
        assertTrue(neverHide.judge(shown, 2 * DAY).hidden().isEmpty());
    }

    @Test
    void touchingAnItemForgetsItsShowings() {
        ShownItems shown = ShownItems.NONE.shown(List.of("a", "b"), 0).shown(List.of("a", "b"), 1).shown(List.of("a", "b"), 2);
        ShownItems back = shown.cameBack("a");
        assertEquals(Set.of("b"), SETTINGS.judge(back, 3).hidden());
        assertEquals(1.0, SETTINGS.judge(back, 3).factor("a"), 1e-12);
        VisitorHistory history = new VisitorHistory(List.of(), List.of(), shown)
                .observe("b", EventKind.VIEW, 5, RecommenderSettings.DEFAULTS).history();
        assertEquals(List.of("a"), history.shown().items().stream().map(ShownItems.Shown::itemId).toList());
    }

    @Test
    void keepsTheNewestShowingsOfTheItemsShownLast() {
        ShownItems shown = ShownItems.NONE;
        for (int i = 0; i < ShownItems.SHOWINGS_KEPT + 3; i++) {
            shown = shown.shown(List.of("a"), i);
        }
        assertEquals(ShownItems.SHOWINGS_KEPT, shown.items().get(0).showings().size());
        assertEquals(ShownItems.SHOWINGS_KEPT + 2, shown.items().get(0).showings().get(0));
        for (int i = 0; i < ShownItems.ITEMS_KEPT; i++) {
            shown = shown.shown(List.of("item-" + i), 100 + i);
        }
        assertEquals(ShownItems.ITEMS_KEPT, shown.items().size());
        assertFalse(shown.items().stream().anyMatch(s -> s.itemId().equals("a")), "the item shown longest ago left");
        assertEquals("item-49", shown.items().get(0).itemId());
    }

    @Test
    void mergesTheShowingsOfTwoVisitorsOfOnePerson() {
        ShownItems anonymous = ShownItems.NONE.shown(List.of("a", "b"), 10);
        ShownItems customer = ShownItems.NONE.shown(List.of("a"), 20).shown(List.of("a"), 30);
        ShownItems merged = customer.merge(anonymous);
        assertEquals(List.of(30L, 20L, 10L), merged.items().get(0).showings());
        assertEquals(Set.of("a"), SETTINGS.judge(merged, 30).hidden());
        assertEquals(0.5, SETTINGS.judge(merged, 10).factor("b"), 1e-12);
    }

    @Test
    void refusesSettingsOutOfRange() {
        assertThrows(IllegalArgumentException.class, () -> new ImpressionSettings(0, DAY, 3, DAY));
        assertThrows(IllegalArgumentException.class, () -> new ImpressionSettings(1.5, DAY, 3, DAY));
        assertThrows(IllegalArgumentException.class, () -> new ImpressionSettings(0.5, DAY, ShownItems.SHOWINGS_KEPT + 1, DAY));
        assertThrows(IllegalArgumentException.class, () -> new ImpressionSettings(0.5, 0, 3, DAY));
    }
}
