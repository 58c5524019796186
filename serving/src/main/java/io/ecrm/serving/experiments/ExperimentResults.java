package io.ecrm.serving.experiments;

import io.ecrm.streams.earnings.Earnings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.stat.descriptive.StatisticalSummaryValues;
import org.apache.commons.math3.stat.inference.ChiSquareTest;
import org.apache.commons.math3.stat.inference.TTest;

/**
 * What an experiment's arms earned and whether they differ, from each arm's summed
 * {@link Earnings}. Pure: the caller sums the stores.
 * <ul>
 *   <li>Click-through rate (clicks per list shown) and conversion (share of the arm's visitors with
 *       an attributed purchase), each with a 95% Wilson score interval, which stays inside [0, 1] and
 *       holds for the small counts of an experiment's first hours.</li>
 *   <li>Revenue per visitor (visitors without a purchase count as 0) with a 95% normal interval,
 *       from the arm's sum and sum of squares.</li>
 *   <li>The click-through test: Pearson's chi-square test of homogeneity on the arms' clicked and
 *       not-clicked impressions (for two arms, the two-sided two-proportion z-test; for more, all at
 *       once rather than pair by pair, so no correction for many comparisons is needed). Significant
 *       when p &lt; {@value #ALPHA} and every cell's expected count is at least
 *       {@value #MIN_EXPECTED}, below which the test's chi-square approximation is not to be trusted.
 *       Impressions of one visitor are not independent, so with few heavy visitors p comes out
 *       somewhat low; the visitor-level revenue test does not have that weakness.</li>
 *   <li>The revenue test: Welch's t-test of revenue per visitor, each arm against the first
 *       (the control), for arms of unequal size and spread.</li>
 * </ul>
 */
public final class ExperimentResults {
    public static final double ALPHA = 0.05;
    public static final double MIN_EXPECTED = 5;
    private static final double Z95 = 1.959963984540054;

    /** A value with its 95% interval; all null when there is nothing to estimate from. */
    public record Estimate(Double value, Double low, Double high) {
        static final Estimate NONE = new Estimate(null, null, null);
    }

    /** One arm's figures. */
    public record Arm(String arm, String source, double traffic, long visitors, long impressions, long itemsShown,
                      long clicks, Estimate clickThroughRate, long cartAdds, long purchases, long converters,
                      Estimate conversion, double revenue, Estimate revenuePerVisitor) {
    }

    /**
     * A test's outcome.
     *
     * @param compared   the arms compared
     * @param pValue     null when there was nothing to test
     * @param winner     the arm ahead when significant, else null
     * @param note       why it is not significant when that is not for want of a difference
     */
    public record Test(String metric, String method, List<String> compared, Double statistic, Double pValue,
                       boolean significant, String winner, String note) {
    }

    private ExperimentResults() {
    }

    /** Each arm's figures, in the experiment's order; {@code earned} by arm index (a missing arm earned nothing). */
    public static List<Arm> arms(Experiment experiment, Map<Integer, Earnings> earned) {
        List<Arm> arms = new ArrayList<>();
        for (int i = 0; i < experiment.arms().size(); i++) {
            ExperimentArm arm = experiment.arms().get(i);
            Earnings e = earned.getOrDefault(i, Earnings.NONE);
            arms.add(new Arm(arm.name(), arm.source(), arm.traffic(), e.visitors(), e.impressions(), e.itemsShown(),
                    e.clicks(), wilson(e.clicks(), e.impressions()), e.cartAdds(), e.purchases(), e.converters(),
                    wilson(e.converters(), e.visitors()), e.revenue(), meanInterval(e.revenue(), e.revenueSquares(), e.visitors())));
        }
        return arms;
    }

    /** The chi-square test of the arms' click-through rates. */
    public static Test clickThrough(List<Arm> arms) {
        List<String> names = arms.stream().map(Arm::arm).toList();
        long impressions = 0;
        long clicks = 0;
        for (Arm arm : arms) {
            impressions += arm.impressions();
            clicks += arm.clicks();
        }
        String method = "Pearson chi-square test of homogeneity";
        if (clicks == 0 || clicks == impressions || arms.stream().anyMatch(a -> a.impressions() == 0)) {
            return new Test("clickThroughRate", method, names, null, null, false, null,
                    "every arm needs impressions, and some clicked and some not");
        }
        long[][] table = new long[arms.size()][2];
        double minExpected = Double.MAX_VALUE;
        for (int i = 0; i < arms.size(); i++) {
            Arm arm = arms.get(i);
            table[i][0] = arm.clicks();
            table[i][1] = arm.impressions() - arm.clicks();
            minExpected = Math.min(minExpected, Math.min((double) arm.impressions() * clicks / impressions,
                    (double) arm.impressions() * (impressions - clicks) / impressions));
        }
        ChiSquareTest test = new ChiSquareTest();
        double statistic = test.chiSquare(table);
        double p = test.chiSquareTest(table);
        boolean enough = minExpected >= MIN_EXPECTED;
        boolean significant = enough && p < ALPHA;
        String winner = null;
        if (significant) {
            Arm best = arms.get(0);
            for (Arm arm : arms) {
                if (arm.clickThroughRate().value() > best.clickThroughRate().value()) {
                    best = arm;
                }
            }
            winner = best.arm();
        }
        return new Test("clickThroughRate", method, names, statistic, p, significant, winner,
                enough ? null : String.format("too little traffic: an expected count is %.1f, under %.0f", minExpected, MIN_EXPECTED));
    }

    /** Welch's t-test of revenue per visitor, each arm after the first against the first. */
    public static List<Test> revenuePerVisitor(List<Arm> arms, Map<Integer, Earnings> earned) {
        List<Test> tests = new ArrayList<>();
        Earnings control = earned.getOrDefault(0, Earnings.NONE);
        for (int i = 1; i < arms.size(); i++) {
            Earnings other = earned.getOrDefault(i, Earnings.NONE);
            List<String> compared = List.of(arms.get(0).arm(), arms.get(i).arm());
            String method = "Welch's t-test";
            if (control.visitors() < 2 || other.visitors() < 2) {
                tests.add(new Test("revenuePerVisitor", method, compared, null, null, false, null,
                        "each arm needs two visitors or more"));
                continue;
            }
            StatisticalSummaryValues a = summary(control);
            StatisticalSummaryValues b = summary(other);
            if (a.getVariance() == 0 && b.getVariance() == 0) {
                tests.add(new Test("revenuePerVisitor", method, compared, null, null, false, null,
                        "no revenue varies between visitors yet"));
                continue;
            }
            TTest test = new TTest();
            double t = test.t(a, b);
            double p = test.tTest(a, b);
            boolean significant = p < ALPHA;
            String winner = significant ? (a.getMean() >= b.getMean() ? compared.get(0) : compared.get(1)) : null;
            tests.add(new Test("revenuePerVisitor", method, compared, t, p, significant, winner, null));
        }
        return tests;
    }

    private static StatisticalSummaryValues summary(Earnings e) {
        double n = e.visitors();
        double mean = e.revenue() / n;
        double variance = Math.max(0, (e.revenueSquares() - n * mean * mean) / (n - 1));
        return new StatisticalSummaryValues(mean, variance, e.visitors(), Double.NaN, Double.NaN, e.revenue());
    }

    /** The 95% Wilson score interval of {@code part} out of {@code whole}. */
    static Estimate wilson(long part, long whole) {
        if (whole == 0) {
            return Estimate.NONE;
        }
        double n = whole;
        double p = part / n;
        double z2 = Z95 * Z95;
        double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        double half = Z95 * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n);
        return new Estimate(p, Math.max(0, centre - half), Math.min(1, centre + half));
    }

    /** The mean of {@code n} values from their sum and sum of squares, with its 95% normal interval. */
    static Estimate meanInterval(double sum, double squares, long n) {
        if (n == 0) {
            return Estimate.NONE;
        }
        double mean = sum / n;
        if (n == 1) {
            return new Estimate(mean, null, null);
        }
        double variance = Math.max(0, (squares - n * mean * mean) / (n - 1));
        double half = Z95 * Math.sqrt(variance / n);
        return new Estimate(mean, mean - half, mean + half);
    }
}
