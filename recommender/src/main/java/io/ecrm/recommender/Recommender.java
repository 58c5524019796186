package io.ecrm.recommender;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Answers "what should this visitor see next?": blends the neighbour lists of the visitor's recent
 * items, the most recent weighing most, drops excluded items, and backfills with popular items so
 * that a known tenant never gets an empty answer.
 */
public final class Recommender {
    private final RecommenderSettings settings;

    public Recommender(RecommenderSettings settings) {
        this.settings = settings;
    }

    /**
     * score(j) = sum over recent items i at position p (0 = newest) of sim(i, j) / (1 + p).
     * Backfilled popular items score below every neighbour: they rank after them, by popularity.
     *
     * @param neighboursOf the neighbour list of an item ({@link ItemNeighbours#NONE} when unknown)
     * @param popular      the tenant's most popular items, best first
     */
    public List<ScoredItem> recommend(RecommendationQuery query, Function<String, ItemNeighbours> neighboursOf,
                                      List<ScoredItem> popular) {
        Map<String, double[]> scores = new HashMap<>();
        Map<String, String> because = new HashMap<>();
        List<String> recent = query.recentItems();
        int used = Math.min(recent.size(), settings.queryItems());
        for (int position = 0; position < used; position++) {
            String source = recent.get(position);
            double positionWeight = 1.0 / (1 + position);
            for (ScoredItem neighbour : neighboursOf.apply(source).neighbours()) {
                if (query.excluded().contains(neighbour.itemId())) {
                    continue;
                }
                double contribution = positionWeight * neighbour.score();
                double[] score = scores.computeIfAbsent(neighbour.itemId(), id -> new double[2]);
                score[0] += contribution;
                if (contribution > score[1]) {
                    score[1] = contribution;
                    because.put(neighbour.itemId(), source);
                }
            }
        }
        TopK top = new TopK(query.count());
        scores.forEach((item, score) -> top.offer(new ScoredItem(item, score[0], because.get(item))));
        List<ScoredItem> best = top.best();
        if (best.size() == query.count()) {
            return best;
        }
        return backfill(best, query, popular);
    }

    private static List<ScoredItem> backfill(List<ScoredItem> best, RecommendationQuery query, List<ScoredItem> popular) {
        List<ScoredItem> answer = new ArrayList<>(best);
        Set<String> taken = new HashSet<>();
        best.forEach(s -> taken.add(s.itemId()));
        double floor = best.isEmpty() ? 1.0 : best.get(best.size() - 1).score();
        double maxPopularity = popular.isEmpty() ? 1.0 : Math.max(popular.get(0).score(), Double.MIN_NORMAL);
        for (ScoredItem item : popular) {
            if (answer.size() == query.count()) {
                break;
            }
            if (query.excluded().contains(item.itemId()) || !taken.add(item.itemId())) {
                continue;
            }
            // Scaled into (0, floor) so popularity keeps its order below every neighbour score.
            answer.add(new ScoredItem(item.itemId(), floor * 0.5 * item.score() / maxPopularity, null));
        }
        return answer;
    }
}
