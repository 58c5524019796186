package io.ecrm.recommender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LogLikelihoodTest {
    @Test
    void perfectAssociationOfOneEachIsFourLnTwo() {
        // rows (1,1) and columns (1,1) each have H = 2 ln 2; the cells (1,0,0,1) have H = 2 ln 2.
        assertEquals(4 * Math.log(2), LogLikelihood.ratio(1, 0, 0, 1), 1e-12);
    }

    @Test
    void independentCountsScoreZero() {
        assertEquals(0.0, LogLikelihood.ratio(1, 1, 1, 1), 1e-12);
        assertEquals(0.0, LogLikelihood.ratio(10, 90, 100, 900), 1e-9);
    }

    @Test
    void moreEvidenceOfTheSameAssociationScoresHigher() {
        assertEquals(10 * LogLikelihood.ratio(1, 0, 0, 1), LogLikelihood.ratio(10, 0, 0, 10), 1e-9);
        assertTrue(LogLikelihood.ratio(50, 50, 50, 10_000) > LogLikelihood.ratio(5, 5, 5, 1_000));
    }

    @Test
    void similarityMapsIntoTheUnitInterval() {
        assertEquals(0.0, LogLikelihood.similarity(0.0));
        assertEquals(0.5, LogLikelihood.similarity(1.0));
        assertTrue(LogLikelihood.similarity(1e9) < 1.0);
    }
}
