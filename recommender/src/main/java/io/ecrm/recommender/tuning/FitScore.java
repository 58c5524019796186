package io.ecrm.recommender.tuning;

/** A candidate's figures on validation: HR@20 and MRR@20; the fit ranks candidates by their sum. */
public record FitScore(double hitRate, double mrr) {
    public double objective() {
        return hitRate + mrr;
    }

    public boolean beats(FitScore other) {
        return objective() > other.objective();
    }
}
