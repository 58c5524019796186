package io.ecrm.recommender;

/**
 * Dunning's log-likelihood ratio for a 2x2 contingency table (Dunning 1993, "Accurate methods for
 * the statistics of surprise and coincidence"): how unlikely it is that two items co-occur this
 * often by chance. Computed as 2 * (H(rows + cols) - H(cells)) with unnormalised entropies.
 */
public final class LogLikelihood {
    private LogLikelihood() {
    }

    /**
     * @param k11 together
     * @param k12 the first without the second
     * @param k21 the second without the first
     * @param k22 neither
     */
    public static double ratio(double k11, double k12, double k21, double k22) {
        double rowEntropy = entropy(k11 + k12, k21 + k22);
        double columnEntropy = entropy(k11 + k21, k12 + k22);
        double matrixEntropy = entropy(k11, k12, k21, k22);
        if (rowEntropy + columnEntropy < matrixEntropy) {
            return 0.0; // rounding error on a table with no association
        }
        return 2.0 * (rowEntropy + columnEntropy - matrixEntropy);
    }

    /** Maps a ratio to a similarity in [0, 1): 1 - 1 / (1 + llr). */
    public static double similarity(double llr) {
        return 1.0 - 1.0 / (1.0 + llr);
    }

    // H = xLogX(sum) - sum(xLogX(k)), the unnormalised Shannon entropy of counts k
    private static double entropy(double... counts) {
        double sum = 0.0;
        double parts = 0.0;
        for (double k : counts) {
            parts += xLogX(k);
            sum += k;
        }
        return xLogX(sum) - parts;
    }

    private static double xLogX(double x) {
        return x <= 0.0 ? 0.0 : x * Math.log(x);
    }
}
