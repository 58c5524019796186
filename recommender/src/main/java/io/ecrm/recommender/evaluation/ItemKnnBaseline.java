package io.ecrm.recommender.evaluation;

import io.ecrm.recommender.ScoredItem;
import io.ecrm.recommender.TopK;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Item-KNN: cosine similarity of items over train sessions (each session a binary vector:
 * sim(i, j) = sessions with both / sqrt(sessions with i * sessions with j)), ranked for the
 * session's last item.
 */
public final class ItemKnnBaseline implements SessionRecommender {
    private static final int KEPT = 200;
    private final Map<String, List<String>> neighbours = new HashMap<>();

    @Override
    public String name() {
        return "item-knn";
    }

    @Override
    public void train(List<Session> sessions) {
        Map<String, Integer> support = new HashMap<>();
        Map<String, Map<String, Integer>> together = new HashMap<>();
        for (Session session : sessions) {
            Set<String> items = new LinkedHashSet<>(session.items());
            for (String i : items) {
                support.merge(i, 1, Integer::sum);
                Map<String, Integer> row = together.computeIfAbsent(i, k -> new HashMap<>());
                for (String j : items) {
                    if (!i.equals(j)) {
                        row.merge(j, 1, Integer::sum);
                    }
                }
            }
        }
        together.forEach((i, row) -> {
            TopK top = new TopK(KEPT);
            row.forEach((j, both) -> top.offer(new ScoredItem(j, both / Math.sqrt((double) support.get(i) * support.get(j)))));
            neighbours.put(i, top.best().stream().map(ScoredItem::itemId).toList());
        });
    }

    @Override
    public List<String> recommend(List<String> prefix, int count) {
        List<String> list = neighbours.getOrDefault(prefix.get(prefix.size() - 1), List.of());
        return list.subList(0, Math.min(count, list.size()));
    }
}
