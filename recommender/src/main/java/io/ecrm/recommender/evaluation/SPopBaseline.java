package io.ecrm.recommender.evaluation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * S-POP: the current session's items by how often it clicked them, ties broken by train
 * popularity (as the reference implementation scores them: session count + n / (n + 1) for an
 * item seen n times in train), then POP.
 */
public final class SPopBaseline implements SessionRecommender {
    private List<String> popular = List.of();
    private final Map<String, Integer> rank = new HashMap<>();

    @Override
    public String name() {
        return "s-pop";
    }

    @Override
    public void train(List<Session> sessions) {
        popular = PopBaseline.byCount(sessions);
        for (int r = 0; r < popular.size(); r++) {
            rank.put(popular.get(r), r);
        }
    }

    @Override
    public List<String> recommend(List<String> prefix, int count) {
        Map<String, Integer> counts = new HashMap<>();
        for (String item : prefix) {
            counts.merge(item, 1, Integer::sum);
        }
        List<String> session = new ArrayList<>(counts.keySet());
        session.sort(Comparator.comparing((String item) -> -counts.get(item))
                .thenComparing(item -> rank.getOrDefault(item, Integer.MAX_VALUE)).thenComparing(item -> item));
        Set<String> answer = new LinkedHashSet<>(session);
        for (String item : popular) {
            if (answer.size() >= count) {
                break;
            }
            answer.add(item);
        }
        return new ArrayList<>(answer).subList(0, Math.min(count, answer.size()));
    }
}
