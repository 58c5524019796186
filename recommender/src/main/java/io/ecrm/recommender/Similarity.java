package io.ecrm.recommender;

/**
 * How strongly two items go together, from weighted counts: {@code k11} the weight of sessions
 * (or visitor windows) holding both, {@code ni} and {@code nj} the weight of each, {@code total}
 * the weight of all items of the tenant. Every measure answers in [0, 1], 0 for no evidence.
 */
public enum Similarity {
    /** Dunning's log-likelihood ratio of the 2x2 table, mapped by 1 - 1 / (1 + llr) (see {@link LogLikelihood}). */
    LLR {
        @Override
        public double score(double k11, double ni, double nj, double total) {
            double k12 = Math.max(0.0, ni - k11);
            double k21 = Math.max(0.0, nj - k11);
            double k22 = Math.max(0.0, Math.max(total, ni + nj) - ni - nj + k11);
            return LogLikelihood.similarity(LogLikelihood.ratio(k11, k12, k21, k22));
        }
    },
    /** Cosine of the two items' occurrence vectors: k11 / sqrt(ni * nj). */
    COSINE {
        @Override
        public double score(double k11, double ni, double nj, double total) {
            return ni <= 0 || nj <= 0 ? 0.0 : Math.min(1.0, k11 / Math.sqrt(ni * nj));
        }
    },
    /** Jaccard index of the two items' occurrence sets: k11 / (ni + nj - k11). */
    JACCARD {
        @Override
        public double score(double k11, double ni, double nj, double total) {
            double union = ni + nj - k11;
            return union <= 0 ? 0.0 : Math.min(1.0, k11 / union);
        }
    };

    /**
     * @param k11   weight of co-occurrence; at most min(ni, nj) in a consistent table
     * @param ni    weight of the first item
     * @param nj    weight of the second item
     * @param total weight of all items (used by {@link #LLR} only)
     */
    public abstract double score(double k11, double ni, double nj, double total);
}
