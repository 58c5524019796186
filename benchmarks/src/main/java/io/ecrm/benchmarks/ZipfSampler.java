package io.ecrm.benchmarks;

import java.util.Arrays;
import java.util.Random;

/** Draws ranks 0..n-1 with probability proportional to 1/(rank+1)^s, by inverting the cumulative sum. */
public final class ZipfSampler {
    private final double[] cumulative;

    public ZipfSampler(int n, double s) {
        cumulative = new double[n];
        double sum = 0.0;
        for (int k = 0; k < n; k++) {
            sum += 1.0 / Math.pow(k + 1, s);
            cumulative[k] = sum;
        }
        for (int k = 0; k < n; k++) {
            cumulative[k] /= sum;
        }
    }

    public int sample(Random random) {
        int index = Arrays.binarySearch(cumulative, random.nextDouble());
        return index >= 0 ? index : Math.min(cumulative.length - 1, -index - 1);
    }
}
