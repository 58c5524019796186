package io.ecrm.recommender;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The session-aware ranking: session-kNN votes, the current session's own items (visitors come
 * back to what they just viewed) and item-to-item neighbours, each normalised by its best score
 * and weighted by {@link SessionKnnSettings}; what is still missing is filled from the
 * item-to-item list (which itself ends in popular items), so the answer is never short.
 */
public final class SessionBlend {
    private final SessionKnnSettings settings;
    private final SessionNeighbours sessionNeighbours;

    public SessionBlend(SessionKnnSettings settings) {
        this.settings = settings;
        this.sessionNeighbours = new SessionNeighbours(settings);
    }

    /**
     * @param prefix           the current session's items, oldest first
     * @param currentSessionId the current session's id in the index, or null
     * @param fromItems        the item-to-item answer for the same visitor, best first (see {@link Recommender})
     * @param excluded         items never to answer
     */
    public List<ScoredItem> rank(List<String> prefix, SessionIndex index, String currentSessionId,
                                 List<ScoredItem> fromItems, Set<String> excluded, int count) {
        Map<String, Double> blended = new HashMap<>();
        Map<String, String> because = new HashMap<>();
        addNormalised(blended, sessionNeighbours.score(prefix, index, currentSessionId), 1.0);
        Map<String, Double> repeat = new HashMap<>();
        for (int p = 0; p < prefix.size(); p++) {
            repeat.merge(prefix.get(p), 1.0 / (prefix.size() - p), Double::sum); // the latest click weighs 1
        }
        addNormalised(blended, repeat, settings.repeatWeight());
        if (settings.itemNeighbourWeight() > 0 && !fromItems.isEmpty()) {
            double best = Math.max(fromItems.get(0).score(), Double.MIN_NORMAL);
            for (ScoredItem item : fromItems) {
                blended.merge(item.itemId(), settings.itemNeighbourWeight() * item.score() / best, Double::sum);
            }
        }
        fromItems.forEach(item -> because.put(item.itemId(), item.because()));
        TopK top = new TopK(count);
        blended.forEach((item, score) -> {
            if (!excluded.contains(item)) {
                top.offer(new ScoredItem(item, score, because.get(item)));
            }
        });
        List<ScoredItem> answer = new ArrayList<>(top.best());
        Set<String> taken = new HashSet<>();
        answer.forEach(s -> taken.add(s.itemId()));
        double floor = answer.isEmpty() ? 1.0 : answer.get(answer.size() - 1).score();
        for (ScoredItem item : fromItems) {
            if (answer.size() >= count) {
                break;
            }
            if (!excluded.contains(item.itemId()) && taken.add(item.itemId())) {
                floor *= 0.999; // keeps the fill below every blended score, in its own order
                answer.add(new ScoredItem(item.itemId(), floor, item.because()));
            }
        }
        return answer;
    }

    private static void addNormalised(Map<String, Double> into, Map<String, Double> scores, double weight) {
        if (weight == 0 || scores.isEmpty()) {
            return;
        }
        double best = Math.max(scores.values().stream().mapToDouble(Double::doubleValue).max().orElse(1.0), Double.MIN_NORMAL);
        scores.forEach((item, score) -> into.merge(item, weight * score / best, Double::sum));
    }
}
