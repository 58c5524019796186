package io.ecrm.streams.items;

import java.util.Arrays;
import java.util.Optional;

/**
 * The time scales item activity is measured at. Each is the half-life of a decayed count (an
 * event counts fully now, half after one window, a quarter after two), and trending in a window
 * compares it with the next longer one.
 */
public enum ActivityWindow {
    HOUR("1h", 3_600_000L),
    DAY("24h", 86_400_000L),
    WEEK("7d", 7 * 86_400_000L),
    MONTH("28d", 28 * 86_400_000L);

    private final String label;
    private final long halfLifeMillis;

    ActivityWindow(String label, long halfLifeMillis) {
        this.label = label;
        this.halfLifeMillis = halfLifeMillis;
    }

    public String label() {
        return label;
    }

    public long halfLifeMillis() {
        return halfLifeMillis;
    }

    /** The longer window this one's activity is compared with for trending; none for the longest. */
    public Optional<ActivityWindow> baseline() {
        return ordinal() + 1 < values().length ? Optional.of(values()[ordinal() + 1]) : Optional.empty();
    }

    /** The window of a label such as {@code 24h}. */
    public static Optional<ActivityWindow> ofLabel(String label) {
        return Arrays.stream(values()).filter(w -> w.label.equals(label)).findFirst();
    }

    /** The labels of the windows trending can be asked for (all but the longest). */
    public static String trendingLabels() {
        return String.join(", ", Arrays.stream(values()).filter(w -> w.baseline().isPresent()).map(w -> w.label).toList());
    }
}
