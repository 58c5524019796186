package io.ecrm.streams.segments;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/**
 * The named cells of the RFM grid, first match wins (R, F and M are quintile scores 1-5):
 * <pre>
 * champions            R 4-5, F 4-5, M 4-5   bought recently, often, and spend the most
 * loyal                R 3-5, F 4-5          buy often, still around
 * potential-loyalists  R 4-5, F 2-3          recent, with more than one order's worth of habit
 * new                  R 4-5, F 1            recent, and among the least frequent: first orders
 * need-attention       R 3,   F 3            middling on both
 * about-to-sleep       R 3,   F 1-2          fading, and never bought much
 * cannot-lose          R 1-2, F 4-5, M 4-5   were the best customers, not seen for a while
 * at-risk              R 1-2, F 3-5          bought often, not for a while
 * hibernating          R 2,   F 1-2          long ago, rarely
 * lost                 R 1,   F 1-2          longest ago, rarely
 * </pre>
 * The conditions cover the whole grid: every buyer has exactly one cell.
 */
public enum RfmCell {
    CHAMPIONS("champions", "bought recently, buy often and spend the most"),
    LOYAL("loyal", "buy often and are still around"),
    POTENTIAL_LOYALISTS("potential-loyalists", "recent customers with a growing habit"),
    NEW("new", "recent customers with their first orders"),
    NEED_ATTENTION("need-attention", "middling recency and frequency"),
    ABOUT_TO_SLEEP("about-to-sleep", "fading customers who never bought much"),
    CANNOT_LOSE("cannot-lose", "were among the best customers, not seen for a while"),
    AT_RISK("at-risk", "bought often, but not for a while"),
    HIBERNATING("hibernating", "bought rarely, long ago"),
    LOST("lost", "bought rarely, longest ago");

    private final String segmentName;
    private final String description;

    RfmCell(String segmentName, String description) {
        this.segmentName = segmentName;
        this.description = description;
    }

    @JsonValue
    public String segmentName() {
        return segmentName;
    }

    public String description() {
        return description;
    }

    public static RfmCell of(int r, int f, int m) {
        if (r >= 4 && f >= 4 && m >= 4) {
            return CHAMPIONS;
        }
        if (r >= 3 && f >= 4) {
            return LOYAL;
        }
        if (r >= 4) {
            return f >= 2 ? POTENTIAL_LOYALISTS : NEW;
        }
        if (r == 3) {
            return f == 3 ? NEED_ATTENTION : ABOUT_TO_SLEEP;
        }
        if (f >= 4 && m >= 4) {
            return CANNOT_LOSE;
        }
        if (f >= 3) {
            return AT_RISK;
        }
        return r == 2 ? HIBERNATING : LOST;
    }

    public static Optional<RfmCell> named(String name) {
        return Arrays.stream(values()).filter(c -> c.segmentName.equals(name)).findFirst();
    }
}
