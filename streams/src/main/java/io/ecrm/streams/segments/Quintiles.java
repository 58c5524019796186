package io.ecrm.streams.segments;

import java.util.Arrays;

/**
 * Quintile scores 1 to 5 over one population: the four cut points are the values at ranks
 * ceil(i n / 5) of the sorted values (i = 1..4), and a value scores 1 plus the number of cut
 * points it exceeds. Equal values always score the same, so with many ties a quintile can hold
 * more or fewer than a fifth of the population. Kept as four numbers, whatever the population.
 */
public final class Quintiles {
    private final double[] cuts;

    private Quintiles(double[] cuts) {
        this.cuts = cuts;
    }

    /** The quintiles of {@code values} (the first {@code n} are used; the array is sorted in place). */
    public static Quintiles of(double[] values, int n) {
        if (n == 0) {
            return new Quintiles(new double[0]);
        }
        Arrays.sort(values, 0, n);
        double[] cuts = new double[4];
        for (int i = 1; i <= 4; i++) {
            int rank = (int) Math.ceil(i * (double) n / 5.0); // 1-based
            cuts[i - 1] = values[Math.max(0, rank - 1)];
        }
        return new Quintiles(cuts);
    }

    /** 1 (lowest fifth) to 5 (highest fifth). */
    public int score(double value) {
        int score = 1;
        for (double cut : cuts) {
            if (value > cut) {
                score++;
            }
        }
        return score;
    }

    /** The four cut points, lowest first (empty for an empty population). */
    public double[] cuts() {
        return cuts.clone();
    }
}
