package io.ecrm.recommender.evaluation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** POP: the most popular train items, whatever the session. */
public final class PopBaseline implements SessionRecommender {
    private List<String> ranked = List.of();

    @Override
    public String name() {
        return "pop";
    }

    @Override
    public void train(List<Session> sessions) {
        ranked = byCount(sessions);
    }

    /** Train items by number of clicks, most first, ties by id. */
    static List<String> byCount(List<Session> sessions) {
        Map<String, Integer> counts = new HashMap<>();
        sessions.forEach(s -> s.items().forEach(i -> counts.merge(i, 1, Integer::sum)));
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey).toList();
    }

    @Override
    public List<String> recommend(List<String> prefix, int count) {
        return ranked.subList(0, Math.min(count, ranked.size()));
    }
}
