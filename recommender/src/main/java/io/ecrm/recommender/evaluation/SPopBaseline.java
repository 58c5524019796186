package io.ecrm.recommender.evaluation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** S-POP: the current session's items by how often it clicked them (the later first on ties), then POP. */
public final class SPopBaseline implements SessionRecommender {
    private List<String> popular = List.of();

    @Override
    public String name() {
        return "s-pop";
    }

    @Override
    public void train(List<Session> sessions) {
        popular = PopBaseline.byCount(sessions);
    }

    @Override
    public List<String> recommend(List<String> prefix, int count) {
        Map<String, Integer> counts = new HashMap<>();
        Map<String, Integer> last = new HashMap<>();
        for (int p = 0; p < prefix.size(); p++) {
            counts.merge(prefix.get(p), 1, Integer::sum);
            last.put(prefix.get(p), p);
        }
        List<String> session = new ArrayList<>(counts.keySet());
        session.sort((a, b) -> counts.get(a).equals(counts.get(b)) ? last.get(b) - last.get(a) : counts.get(b) - counts.get(a));
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
