package io.ecrm.streams.segments;

/**
 * The mean silhouette of a clustering (Rousseeuw 1987): for each point, a = mean distance to the
 * other points of its cluster, b = the smallest mean distance to the points of another cluster,
 * s = (b - a) / max(a, b), and 0 for a point alone in its cluster. Near 1: tight, well separated
 * clusters. Euclidean distance; quadratic in the number of points, so callers pass a sample.
 */
public final class Silhouette {
    private Silhouette() {
    }

    public static double mean(double[][] points, int[] cluster, int k) {
        int n = points.length;
        if (n < 2 || k < 2) {
            return -1.0;
        }
        int[] sizes = new int[k];
        for (int c : cluster) {
            sizes[c]++;
        }
        double total = 0;
        double[] sums = new double[k];
        for (int i = 0; i < n; i++) {
            java.util.Arrays.fill(sums, 0.0);
            for (int j = 0; j < n; j++) {
                if (i != j) {
                    sums[cluster[j]] += distance(points[i], points[j]);
                }
            }
            int own = cluster[i];
            if (sizes[own] <= 1) {
                continue;
            }
            double a = sums[own] / (sizes[own] - 1);
            double b = Double.POSITIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                if (c != own && sizes[c] > 0) {
                    b = Math.min(b, sums[c] / sizes[c]);
                }
            }
            if (b == Double.POSITIVE_INFINITY) {
                continue;
            }
            double max = Math.max(a, b);
            total += max == 0 ? 0 : (b - a) / max;
        }
        return total / n;
    }

    static double distance(double[] a, double[] b) {
        double sum = 0;
        for (int d = 0; d < a.length; d++) {
            double diff = a[d] - b[d];
            sum += diff * diff;
        }
        return Math.sqrt(sum);
    }
}
