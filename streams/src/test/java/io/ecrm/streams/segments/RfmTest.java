package io.ecrm.streams.segments;

import static io.ecrm.streams.segments.TestProfiles.DAY;
import static io.ecrm.streams.segments.TestProfiles.NOW;
import static io.ecrm.streams.segments.TestProfiles.anonymous;
import static io.ecrm.streams.segments.TestProfiles.customer;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.ecrm.streams.profile.CustomerProfile;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RfmTest {
    @Test
    void quintilesSplitTenDistinctValuesInPairs() {
        Quintiles q = Quintiles.of(new double[] {10, 9, 8, 7, 6, 5, 4, 3, 2, 1}, 10);
        assertArrayEquals(new double[] {2, 4, 6, 8}, q.cuts());
        int[] scores = new int[10];
        for (int v = 1; v <= 10; v++) {
            scores[v - 1] = q.score(v);
        }
        assertArrayEquals(new int[] {1, 1, 2, 2, 3, 3, 4, 4, 5, 5}, scores);
    }

    @Test
    void equalValuesShareOneScore() {
        Quintiles q = Quintiles.of(new double[] {1, 1, 1, 1, 1, 1, 1, 1, 2, 3}, 10);
        assertEquals(1, q.score(1));
        assertEquals(5, q.score(2));
        assertEquals(5, q.score(3));
    }

    @Test
    void cellsFollowTheGrid() {
        assertEquals(RfmCell.CHAMPIONS, RfmCell.of(5, 5, 4));
        assertEquals(RfmCell.LOYAL, RfmCell.of(4, 4, 3));
        assertEquals(RfmCell.LOYAL, RfmCell.of(3, 5, 1));
        assertEquals(RfmCell.POTENTIAL_LOYALISTS, RfmCell.of(4, 3, 1));
        assertEquals(RfmCell.NEW, RfmCell.of(5, 1, 1));
        assertEquals(RfmCell.NEED_ATTENTION, RfmCell.of(3, 3, 3));
        assertEquals(RfmCell.ABOUT_TO_SLEEP, RfmCell.of(3, 1, 5));
        assertEquals(RfmCell.CANNOT_LOSE, RfmCell.of(1, 5, 5));
        assertEquals(RfmCell.AT_RISK, RfmCell.of(2, 4, 2));
        assertEquals(RfmCell.AT_RISK, RfmCell.of(1, 3, 1));
        assertEquals(RfmCell.HIBERNATING, RfmCell.of(2, 2, 5));
        assertEquals(RfmCell.LOST, RfmCell.of(1, 1, 1));
    }

    /** Five buyers, each a step further on all three: the scores are their ranks, the cells follow. */
    @Test
    void scoresAndCellsOfHandMadeBuyers() {
        List<CustomerProfile> profiles = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            profiles.add(customer("b" + i).orders(i, 10.0 * i, NOW - (6 - i) * 10 * DAY).build());
        }
        profiles.add(anonymous("browser").build());
        SegmentSnapshot snapshot = SegmentComputation.compute(TestProfiles.source(profiles),
                new SegmentDefinitions.Loaded(List.of(), List.of()), SegmentSettings.DEFAULTS, NOW);

        assertEquals(5, snapshot.rfm().buyers());
        for (int i = 1; i <= 5; i++) {
            RfmScore score = snapshot.membership(profiles.get(i - 1)).rfm();
            assertEquals(List.of(i, i, i), List.of(score.r(), score.f(), score.m()), "buyer " + i);
        }
        assertEquals(RfmCell.LOST, snapshot.membership(profiles.get(0)).rfm().cell());
        assertEquals(RfmCell.HIBERNATING, snapshot.membership(profiles.get(1)).rfm().cell());
        assertEquals(RfmCell.NEED_ATTENTION, snapshot.membership(profiles.get(2)).rfm().cell());
        assertEquals(RfmCell.CHAMPIONS, snapshot.membership(profiles.get(3)).rfm().cell());
        assertNull(snapshot.membership(profiles.get(5)).rfm(), "no order, no RFM score");

        assertEquals(2, snapshot.stats().get("champions").size());
        assertEquals(45.0, snapshot.stats().get("champions").averageRevenue(), 1e-9);
        assertEquals(1, snapshot.stats().get("lost").size());
        assertEquals(0, snapshot.stats().get("at-risk").size());
        assertEquals(6, snapshot.profiles());
        assertEquals(NOW, snapshot.asOfMillis(), "the tenant's clock is its newest event");
    }
}
