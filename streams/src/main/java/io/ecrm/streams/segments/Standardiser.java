package io.ecrm.streams.segments;

import java.util.List;

/** z-scores per feature: (x - mean) / standard deviation over a sample; a constant feature maps to 0. */
public final class Standardiser {
    private final double[] mean;
    private final double[] sd;

    private Standardiser(double[] mean, double[] sd) {
        this.mean = mean;
        this.sd = sd;
    }

    public static Standardiser fit(List<double[]> sample, int dimensions) {
        double[] mean = new double[dimensions];
        double[] sd = new double[dimensions];
        for (double[] x : sample) {
            for (int d = 0; d < dimensions; d++) {
                mean[d] += x[d];
            }
        }
        for (int d = 0; d < dimensions; d++) {
            mean[d] /= Math.max(1, sample.size());
        }
        for (double[] x : sample) {
            for (int d = 0; d < dimensions; d++) {
                sd[d] += (x[d] - mean[d]) * (x[d] - mean[d]);
            }
        }
        for (int d = 0; d < dimensions; d++) {
            sd[d] = Math.sqrt(sd[d] / Math.max(1, sample.size()));
            if (sd[d] < 1e-12) {
                sd[d] = 1.0;
            }
        }
        return new Standardiser(mean, sd);
    }

    public double[] apply(double[] x) {
        double[] z = new double[x.length];
        for (int d = 0; d < x.length; d++) {
            z[d] = (x[d] - mean[d]) / sd[d];
        }
        return z;
    }

    /** Back from z-scores to the feature's own units. */
    public double[] invert(double[] z) {
        double[] x = new double[z.length];
        for (int d = 0; d < z.length; d++) {
            x[d] = z[d] * sd[d] + mean[d];
        }
        return x;
    }
}
