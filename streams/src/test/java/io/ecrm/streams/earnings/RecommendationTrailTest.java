package io.ecrm.streams.earnings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.ecrm.schemas.ClickEvent;
import io.ecrm.schemas.EventType;
import io.ecrm.schemas.RecommendationIds;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecommendationTrailTest {
    private static final long HOUR = 3_600_000L;

    private static ClickEvent event(EventType type, long at, String item, Double price, String recommendationId) {
        return new ClickEvent("e" + at, type, at, "v", null, null, item, 1, price, null, null, null, null, null)
                .fromRecommendation(recommendationId);
    }

    @Test
    void aCartAddOrPurchaseWithinADayOfAClickIsAttributedToTheLatestClicksPlacement() {
        RecommendationTrail trail = RecommendationTrail.NONE
                .observe(ClickEvent.impression("i1", 0, "v", "r1", "home", List.of("a", "b"))).trail()
                .observe(ClickEvent.impression("i2", HOUR, "v", "r2", "product-page", List.of("a"))).trail();
        RecommendationTrail.Observed first = trail.observe(event(EventType.PRODUCT_VIEW, 2 * HOUR, "a", null, "r1"));
        assertEquals("home", first.placement());
        assertEquals(Earnings.click(), first.earned());
        trail = first.trail().observe(event(EventType.PRODUCT_VIEW, 3 * HOUR, "a", null, "r2")).trail();
        RecommendationTrail.Observed bought = trail.observe(event(EventType.PURCHASE, 4 * HOUR, "a", 20.0, null));
        assertEquals("product-page", bought.placement(), "last click wins");
        assertEquals(Earnings.purchase(20.0), bought.earned());
        RecommendationTrail.Observed late = trail.observe(event(EventType.ADD_TO_CART, 27 * HOUR + 1, "a", null, null));
        assertNull(late.placement(), "more than 24 h after the last click");
        assertEquals(Earnings.NONE, late.earned());
        assertNull(trail.observe(event(EventType.PURCHASE, 4 * HOUR, "b", 5.0, null)).placement(), "b was shown, not clicked");
    }

    @Test
    void aClickIsCountedOncePerRecommendationAndItemAndAnAddStraightFromTheListIsBoth() {
        RecommendationTrail trail = RecommendationTrail.NONE
                .observe(ClickEvent.impression("i1", 0, "v", "r1", "home", List.of("a"))).trail();
        RecommendationTrail.Observed added = trail.observe(event(EventType.ADD_TO_CART, 1, "a", null, "r1"));
        assertEquals(Earnings.click().plus(Earnings.cartAdd()), added.earned());
        RecommendationTrail.Observed again = added.trail().observe(event(EventType.PRODUCT_VIEW, 2, "a", null, "r1"));
        assertEquals(Earnings.NONE, again.earned(), "the same recommendation and item: no second click");
        RecommendationTrail.Observed unknown = trail.observe(event(EventType.PRODUCT_VIEW, 3, "a", null, "r-gone"));
        assertEquals(RecommendationTrail.UNKNOWN_PLACEMENT, unknown.placement());
    }

    @Test
    void anArmCountsEachVisitorOnceAndTheirRevenueSquareGrowsExactly() {
        char[] id = new char[RecommendationIds.LENGTH];
        RecommendationIds.write(id, 3, 1, 99L);
        String armOne = new String(id);
        RecommendationTrail.Observed shown = RecommendationTrail.NONE
                .observe(ClickEvent.impression("i1", 0, "v", armOne, "home", List.of("a", "b")));
        assertEquals(3, shown.serial());
        assertEquals(1, shown.arm());
        assertEquals(new Earnings(1, 2, 0, 0, 0, 0.0, 1, 0, 0.0), shown.armEarned(), "a new visitor of the arm");
        RecommendationTrail trail = shown.trail().observe(event(EventType.PRODUCT_VIEW, 10, "a", null, armOne)).trail()
                .observe(ClickEvent.impression("i2", 20, "v", armOne, "home", List.of("c"))).trail();
        RecommendationTrail.Observed first = trail.observe(event(EventType.PURCHASE, 30, "a", 3.0, null));
        assertEquals(new Earnings(0, 0, 0, 0, 1, 3.0, 0, 1, 9.0), first.armEarned(), "converted; 3^2 - 0^2");
        RecommendationTrail.Observed second = first.trail().observe(event(EventType.PURCHASE, 40, "a", 2.0, null));
        assertEquals(new Earnings(0, 0, 0, 0, 1, 2.0, 0, 0, 16.0), second.armEarned(), "5^2 - 3^2, converted once");
        RecommendationIds.write(id, 0, 0, 99L);
        RecommendationTrail.Observed outside = second.trail()
                .observe(ClickEvent.impression("i3", 50, "v", new String(id), "home", List.of("c")));
        assertEquals(0, outside.serial(), "a list made outside any experiment");
        assertEquals(Earnings.NONE, outside.armEarned());
    }

    @Test
    void keepsItsBoundsAndMergesNewestFirst() {
        RecommendationTrail trail = RecommendationTrail.NONE;
        for (int i = 0; i < RecommendationTrail.SHOWN_KEPT + 5; i++) {
            trail = trail.observe(ClickEvent.impression("i" + i, i, "v", "r" + i, "home", List.of("a"))).trail();
        }
        assertEquals(RecommendationTrail.SHOWN_KEPT, trail.shown().size());
        assertEquals("r" + (RecommendationTrail.SHOWN_KEPT + 4), trail.shown().get(0).recommendationId());
        RecommendationTrail other = RecommendationTrail.NONE
                .observe(ClickEvent.impression("x", 1_000, "w", "newest", "home", List.of("a"))).trail();
        assertEquals("newest", trail.merge(other).shown().get(0).recommendationId());
        assertEquals(RecommendationTrail.SHOWN_KEPT, trail.merge(other).shown().size());
    }
}
