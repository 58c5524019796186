package io.ecrm.recommender.evaluation;

import io.ecrm.recommender.ScoredItem;
import io.ecrm.recommender.TopK;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * V-SKNN, as {@code EVALUATION.md} defines it: the current session as a vector whose item weights
 * decay linearly from its last item (1) to its first (1/n); candidates are the 1,000 most recent
 * train sessions sharing an item with it; similarity is the weighted overlap; the 100 most similar
 * sessions vote for their items with their similarity (of equally similar sessions, the more recent).
 */
public final class VSkNNBaseline implements SessionRecommender {
    static final int SAMPLE = 1_000;
    static final int NEIGHBOURS = 100;

    private List<Set<String>> sessions = List.of();
    private final Map<String, List<Integer>> sessionsWithItem = new HashMap<>();

    @Override
    public String name() {
        return "v-sknn";
    }

    @Override
    public void train(List<Session> train) {
        sessions = new ArrayList<>(train.size());
        for (Session session : train) {
            int index = sessions.size();
            Set<String> items = new HashSet<>(session.items());
            sessions.add(items);
            items.forEach(i -> sessionsWithItem.computeIfAbsent(i, k -> new ArrayList<>()).add(index));
        }
    }

    /**
     * A key under which equally similar sessions rank the more recent first, as in the reference
     * implementation (a stable sort of the sample, which is read newest first).
     */
    private static String recentFirst(int index) {
        return String.format("%010d", Integer.MAX_VALUE - index);
    }

    @Override
    public List<String> recommend(List<String> prefix, int count) {
        int n = prefix.size();
        Map<String, Double> weights = new HashMap<>();
        for (int p = 0; p < n; p++) {
            weights.put(prefix.get(p), (p + 1) / (double) n); // a repeated item keeps its latest position
        }
        // sessions are indexed in time order: the largest indexes are the most recent
        Set<Integer> candidates = new HashSet<>();
        weights.keySet().forEach(i -> candidates.addAll(sessionsWithItem.getOrDefault(i, List.of())));
        List<Integer> recent = new ArrayList<>(candidates);
        recent.sort((a, b) -> Integer.compare(b, a));
        TopK nearest = new TopK(NEIGHBOURS);
        for (int c = 0; c < Math.min(SAMPLE, recent.size()); c++) {
            int index = recent.get(c);
            double similarity = 0;
            for (String item : sessions.get(index)) {
                similarity += weights.getOrDefault(item, 0.0);
            }
            nearest.offer(new ScoredItem(recentFirst(index), similarity));
        }
        Map<String, Double> votes = new HashMap<>();
        for (ScoredItem neighbour : nearest.best()) {
            for (String item : sessions.get(Integer.MAX_VALUE - Integer.parseInt(neighbour.itemId()))) {
                votes.merge(item, neighbour.score(), Double::sum);
            }
        }
        TopK top = new TopK(count);
        votes.forEach((item, score) -> top.offer(new ScoredItem(item, score)));
        return top.best().stream().map(ScoredItem::itemId).toList();
    }
}
