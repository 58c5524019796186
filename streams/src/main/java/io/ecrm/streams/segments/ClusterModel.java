package io.ecrm.streams.segments;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.exception.ConvergenceException;
import org.apache.commons.math3.ml.clustering.CentroidCluster;
import org.apache.commons.math3.ml.clustering.DoublePoint;
import org.apache.commons.math3.ml.clustering.KMeansPlusPlusClusterer;
import org.apache.commons.math3.ml.distance.EuclideanDistance;
import org.apache.commons.math3.random.JDKRandomGenerator;

/**
 * Behaviour clusters: k-means++ (Arthur and Vassilvitskii 2007, Commons Math) on standardised
 * {@link BehaviourFeatures}, k fixed or chosen by the best mean {@link Silhouette} (ties to the
 * smaller k). Every run is seeded, so the same sample gives the same clusters. Clusters are
 * numbered by size, largest first ({@code cluster-1}, ...), and each is described in words from
 * its centroid. Fitted on a sample; {@link #assign} puts any visitor in the nearest cluster.
 */
public final class ClusterModel {
    /** One cluster: its segment name, a description, its size in the sample and its centroid in the features' own units. */
    public record Cluster(String name, String description, int sampleSize, Map<String, Double> centroid) {
    }

    public static final ClusterModel NONE = new ClusterModel(new BehaviourFeatures(List.of()), null, List.of(), List.of(), Double.NaN);
    public static final String NAME_PREFIX = "cluster-";

    private final BehaviourFeatures features;
    private final Standardiser standardiser;
    private final List<double[]> centroids;
    private final List<Cluster> clusters;
    private final double silhouette;

    private ClusterModel(BehaviourFeatures features, Standardiser standardiser, List<double[]> centroids,
                         List<Cluster> clusters, double silhouette) {
        this.features = features;
        this.standardiser = standardiser;
        this.centroids = centroids;
        this.clusters = clusters;
        this.silhouette = silhouette;
    }

    /** Fits clusters on a sample of raw feature vectors; fewer than 3 distinct points give no clusters. */
    public static ClusterModel fit(List<double[]> sample, BehaviourFeatures features, SegmentSettings settings) {
        if (sample.size() < 3) {
            return NONE;
        }
        Standardiser standardiser = Standardiser.fit(sample, features.size());
        List<DoublePoint> points = new ArrayList<>(sample.size());
        for (double[] x : sample) {
            points.add(new DoublePoint(standardiser.apply(x)));
        }
        long distinct = points.stream().map(p -> java.util.Arrays.toString(p.getPoint())).distinct().limit(3).count();
        if (distinct < 2) {
            return NONE;
        }
        int silhouetteN = Math.min(points.size(), settings.silhouetteSampleSize());
        double[][] probe = new double[silhouetteN][];
        for (int i = 0; i < silhouetteN; i++) {
            probe[i] = points.get(i).getPoint();
        }
        int from = settings.clusters() > 0 ? settings.clusters() : settings.minClusters();
        int to = settings.clusters() > 0 ? settings.clusters() : settings.maxClusters();
        to = Math.min(to, points.size() - 1);
        List<double[]> best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int k = Math.min(from, to); k <= to; k++) {
            List<double[]> centres;
            try {
                KMeansPlusPlusClusterer<DoublePoint> kmeans = new KMeansPlusPlusClusterer<>(k, settings.maxIterations(),
                        new EuclideanDistance(), seeded(settings.seed()));
                centres = kmeans.cluster(points).stream().map(CentroidCluster::getCenter).map(c -> c.getPoint()).toList();
            } catch (ConvergenceException e) {
                continue; // an empty cluster could not be refilled: fewer distinct points than k
            }
            int[] assigned = new int[probe.length];
            for (int i = 0; i < probe.length; i++) {
                assigned[i] = nearest(centres, probe[i]);
            }
            double score = Silhouette.mean(probe, assigned, k);
            if (best == null || score > bestScore + 1e-9) {
                best = centres;
                bestScore = score;
            }
        }
        if (best == null) {
            return NONE;
        }
        int[] sizes = new int[best.size()];
        for (DoublePoint p : points) {
            sizes[nearest(best, p.getPoint())]++;
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < best.size(); i++) {
            order.add(i);
        }
        List<double[]> centres = best;
        order.sort(Comparator.<Integer>comparingInt(i -> -sizes[i]).thenComparing(i -> java.util.Arrays.toString(centres.get(i))));
        List<double[]> sorted = new ArrayList<>();
        List<Cluster> clusters = new ArrayList<>();
        List<String> names = features.names();
        for (int i : order) {
            double[] z = centres.get(i);
            double[] raw = standardiser.invert(z);
            Map<String, Double> centroid = new LinkedHashMap<>();
            for (int d = 0; d < names.size(); d++) {
                centroid.put(names.get(d), shown(d, raw[d]));
            }
            sorted.add(z);
            clusters.add(new Cluster(NAME_PREFIX + (sorted.size()), ClusterWords.describe(features, z, raw), sizes[i],
                    centroid));
        }
        return new ClusterModel(features, standardiser, sorted, clusters, bestScore);
    }

    /** Centroid values in their own units: counts and money back from log(1 + x). */
    private static double shown(int feature, double value) {
        double v = feature == BehaviourFeatures.ORDERS || feature == BehaviourFeatures.REVENUE
                || feature == BehaviourFeatures.VISIT_MINUTES ? Math.expm1(value) : value;
        return Math.round(v * 1000.0) / 1000.0;
    }

    private static JDKRandomGenerator seeded(long seed) {
        JDKRandomGenerator random = new JDKRandomGenerator();
        random.setSeed(seed);
        return random;
    }

    private static int nearest(List<double[]> centres, double[] z) {
        int best = 0;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int c = 0; c < centres.size(); c++) {
            double d = Silhouette.distance(centres.get(c), z);
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        return best;
    }

    /** The index in {@link #clusters} of the visitor's nearest cluster, or -1 when there are none. */
    public int assign(ProfileFacts facts, long asOfMillis) {
        if (centroids.isEmpty()) {
            return -1;
        }
        return nearest(centroids, standardiser.apply(features.vector(facts, asOfMillis)));
    }

    public List<Cluster> clusters() {
        return clusters;
    }

    public BehaviourFeatures features() {
        return features;
    }

    /** Mean silhouette of the chosen clustering on the silhouette sample (NaN without clusters). */
    public double silhouette() {
        return silhouette;
    }
}
