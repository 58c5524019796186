package io.ecrm.streams.earnings;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What recommendations earned per placement over a window, summed from the hourly earnings of any
 * number of partitions, and the rates that follow: click-through rate (clicks per list shown) and
 * conversion rate (attributed purchases per click). Pure: the caller reads the stores.
 */
public final class EarningsReport {
    /** How long the earnings of an hour are kept: the longest window a report covers. */
    public static final Duration KEPT = Duration.ofDays(90);

    /** One placement's sums and rates; a rate is null while its denominator is 0. */
    public record Line(String placement, long impressions, long itemsShown, long clicks, Double clickThroughRate,
                       long cartAdds, long purchases, Double conversionRate, double revenue) {
        static Line of(String placement, Earnings e) {
            return new Line(placement, e.impressions(), e.itemsShown(), e.clicks(), rate(e.clicks(), e.impressions()),
                    e.cartAdds(), e.purchases(), rate(e.purchases(), e.clicks()), e.revenue());
        }

        public Earnings earnings() {
            return new Earnings(impressions, itemsShown, clicks, cartAdds, purchases, revenue);
        }
    }

    private final long fromMillis;
    private final String placement;
    private final Map<String, Earnings> sums = new TreeMap<>();

    /**
     * @param fromMillis the window's start: hours starting at or after the hour it falls in count
     * @param placement  only this placement, or null for all
     */
    public EarningsReport(long fromMillis, String placement) {
        this.fromMillis = Math.floorDiv(fromMillis, EarningsKey.HOUR_MILLIS) * EarningsKey.HOUR_MILLIS;
        this.placement = placement;
    }

    /** Adds one stored hour, if it is in the window and of the placement asked for. */
    public void add(EarningsKey key, Earnings earnings) {
        if (!key.isArm() && key.hourStartMillis() >= fromMillis && (placement == null || placement.equals(key.placement()))) {
            sums.merge(key.placement(), earnings, Earnings::plus);
        }
    }

    /** Adds another instance's lines of the same window. */
    public void addLines(List<Line> lines) {
        for (Line line : lines) {
            if (placement == null || placement.equals(line.placement())) {
                sums.merge(line.placement(), line.earnings(), Earnings::plus);
            }
        }
    }

    /** The window's start as used: the start of its first hour. */
    public long fromMillis() {
        return fromMillis;
    }

    /** One line per placement, most impressions first. */
    public List<Line> lines() {
        List<Line> lines = new ArrayList<>(sums.size());
        sums.forEach((name, e) -> lines.add(Line.of(name, e)));
        lines.sort(Comparator.comparingLong(Line::impressions).reversed().thenComparing(Line::placement));
        return lines;
    }

    /** Every placement together. */
    public Line total() {
        Earnings all = Earnings.NONE;
        for (Earnings e : sums.values()) {
            all = all.plus(e);
        }
        return Line.of(placement == null ? "all" : placement, all);
    }

    private static Double rate(long part, long whole) {
        return whole == 0 ? null : (double) part / whole;
    }
}
