package io.ecrm.recommender.evaluation;

import java.util.List;

/**
 * Hit rate and mean reciprocal rank at several cut-offs, accumulated one prefix at a time.
 * HR@k: share of prefixes whose target is among the first k; MRR@k: mean of 1/rank, 0 beyond k.
 */
public final class RankMetrics {
    public static final int[] CUTOFFS = {20, 10, 5};

    private final double[] hits = new double[CUTOFFS.length];
    private final double[] reciprocalRanks = new double[CUTOFFS.length];
    private long count;

    /** Adds one prefix whose list was {@code list} and whose next item was {@code target}. */
    public void add(List<String> list, String target) {
        int rank = list.indexOf(target) + 1;
        count++;
        for (int c = 0; c < CUTOFFS.length; c++) {
            if (rank >= 1 && rank <= CUTOFFS[c]) {
                hits[c] += 1;
                reciprocalRanks[c] += 1.0 / rank;
            }
        }
    }

    public long count() {
        return count;
    }

    public double hitRate(int cutoff) {
        return count == 0 ? 0.0 : hits[index(cutoff)] / count;
    }

    public double mrr(int cutoff) {
        return count == 0 ? 0.0 : reciprocalRanks[index(cutoff)] / count;
    }

    private static int index(int cutoff) {
        for (int c = 0; c < CUTOFFS.length; c++) {
            if (CUTOFFS[c] == cutoff) {
                return c;
            }
        }
        throw new IllegalArgumentException("no cut-off " + cutoff);
    }
}
