package io.ecrm.recommender.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Scores a method by the next-item protocol: for each test session [i1..in] and each prefix
 * [i1..ik], k = 1..n-1, the method answers 20 items and the target is i(k+1). The latency of the
 * recommend call is measured on a last pass over the prefixes, after passes that warm the JIT up
 * (for 3 seconds, at most 5 passes), so that p50 and p99 describe a running engine rather than a
 * starting one.
 */
public final class Evaluator {
    public static final int LIST_LENGTH = 20;
    private static final long WARM_UP_NANOS = 3_000_000_000L;
    private static final int MAX_WARM_UP_PASSES = 5;

    private final EvaluationData data;
    private final boolean warmUp;
    private final Map<String, Integer> popularity = new HashMap<>();
    private final int maxPopularity;

    public Evaluator(EvaluationData data) {
        this(data, true);
    }

    /** @param warmUp whether to pass over the prefixes once before the pass that is timed (off: quality only) */
    public Evaluator(EvaluationData data, boolean warmUp) {
        this.data = data;
        this.warmUp = warmUp;
        data.train().forEach(s -> s.items().forEach(i -> popularity.merge(i, 1, Integer::sum)));
        maxPopularity = popularity.values().stream().mapToInt(Integer::intValue).max().orElse(1);
    }

    public EvaluationData data() {
        return data;
    }

    public EvaluationResult evaluate(SessionRecommender method) {
        if (warmUp) {
            long started = System.nanoTime();
            for (int pass = 0; pass < MAX_WARM_UP_PASSES && System.nanoTime() - started < WARM_UP_NANOS; pass++) {
                for (Session session : data.test()) {
                    for (int k = 1; k < session.length(); k++) {
                        List<String> prefix = session.items().subList(0, k);
                        method.recommend(prefix, LIST_LENGTH + new LinkedHashSet<>(prefix).size());
                    }
                }
            }
        }
        RankMetrics withPrefix = new RankMetrics();
        RankMetrics withoutPrefix = new RankMetrics();
        Set<String> recommended = new HashSet<>();
        double popularitySum = 0;
        long recommendedCount = 0;
        long[] latencies = new long[(int) data.prefixes()];
        int call = 0;
        long started = System.nanoTime();
        for (Session session : data.test()) {
            List<String> items = session.items();
            for (int k = 1; k < items.size(); k++) {
                List<String> prefix = items.subList(0, k);
                Set<String> distinct = new LinkedHashSet<>(prefix);
                long t0 = System.nanoTime();
                List<String> answer = method.recommend(prefix, LIST_LENGTH + distinct.size());
                latencies[call++] = System.nanoTime() - t0;
                List<String> top = answer.subList(0, Math.min(LIST_LENGTH, answer.size()));
                String target = items.get(k);
                withPrefix.add(top, target);
                List<String> filtered = new ArrayList<>(LIST_LENGTH);
                for (String item : answer) {
                    if (filtered.size() == LIST_LENGTH) {
                        break;
                    }
                    if (!distinct.contains(item)) {
                        filtered.add(item);
                    }
                }
                withoutPrefix.add(filtered, target);
                for (String item : top) {
                    recommended.add(item);
                    popularitySum += popularity.getOrDefault(item, 0) / (double) maxPopularity;
                    recommendedCount++;
                }
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Arrays.sort(latencies, 0, call);
        return new EvaluationResult(method.name(), withPrefix, withoutPrefix,
                recommended.stream().filter(popularity::containsKey).count() / (double) Math.max(1, popularity.size()),
                recommendedCount == 0 ? 0.0 : popularitySum / recommendedCount,
                call / Math.max(1e-9, seconds), percentile(latencies, call, 0.50), percentile(latencies, call, 0.99));
    }

    private static double percentile(long[] sorted, int n, double q) {
        if (n == 0) {
            return 0.0;
        }
        return sorted[Math.min(n - 1, (int) Math.ceil(q * n) - 1)] / 1000.0;
    }
}
