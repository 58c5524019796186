package io.ecrm.recommender;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Session-kNN candidate source: past sessions most like the current one vote for their items.
 * <ul>
 *   <li>the current session is a vector whose item weights fall linearly from its last item (1)
 *       to its first (1/n), as in V-SKNN (Ludewig and Jannach 2018);</li>
 *   <li>candidates are the {@code sampleSize} most recent past sessions sharing an item;</li>
 *   <li>similarity is the weighted overlap; the {@code neighbours} most similar sessions vote;</li>
 *   <li>a neighbour's item votes with the similarity times a weight for its distance from the
 *       neighbour's last item shared with the current session: 1 / (1 + d) for an item d clicks
 *       after it, {@code beforeMatchWeight} / (1 + d) for one d clicks before it (visitors move on
 *       in the direction others moved), after STAN (Garg et al. 2019).</li>
 * </ul>
 */
public final class SessionNeighbours {
    private final SessionKnnSettings settings;

    public SessionNeighbours(SessionKnnSettings settings) {
        this.settings = settings;
    }

    /**
     * Votes per item for the session {@code prefix} (oldest first); empty when no past session
     * shares an item. {@code currentSessionId} is left out of the candidates (the streaming index
     * already holds the current session), null when it is not indexed.
     */
    public Map<String, Double> score(List<String> prefix, SessionIndex index, String currentSessionId) {
        int n = prefix.size();
        Map<String, Double> weights = new HashMap<>();
        for (int p = 0; p < n; p++) {
            weights.put(prefix.get(p), (p + 1) / (double) n);
        }
        Map<String, SessionIndex.PastSession> candidates = new HashMap<>();
        for (String item : weights.keySet()) {
            for (String id : index.sessionsWith(item)) {
                if (!id.equals(currentSessionId)) {
                    candidates.computeIfAbsent(id, index::session);
                }
            }
        }
        List<SessionIndex.PastSession> recent = new ArrayList<>(candidates.values());
        recent.removeIf(s -> s == null);
        recent.sort((a, b) -> Long.compare(b.recency(), a.recency()));
        if (recent.size() > settings.sampleSize()) {
            recent = recent.subList(0, settings.sampleSize());
        }
        TopK nearest = new TopK(settings.neighbours());
        Map<String, SessionIndex.PastSession> byId = new HashMap<>();
        for (SessionIndex.PastSession session : recent) {
            double similarity = 0;
            Set<String> seen = new HashSet<>();
            for (String item : session.items()) {
                if (seen.add(item)) {
                    similarity += weights.getOrDefault(item, 0.0);
                }
            }
            if (similarity > 0) {
                nearest.offer(new ScoredItem(session.id(), similarity));
                byId.put(session.id(), session);
            }
        }
        Map<String, Double> votes = new HashMap<>();
        for (ScoredItem neighbour : nearest.best()) {
            List<String> items = byId.get(neighbour.itemId()).items();
            int match = -1;
            for (int p = items.size() - 1; p >= 0 && match < 0; p--) {
                if (weights.containsKey(items.get(p))) {
                    match = p;
                }
            }
            Map<String, Double> best = new HashMap<>();
            for (int p = 0; p < items.size(); p++) {
                int distance = p - match;
                double position = distance >= 0 ? 1.0 / (1 + distance) : settings.beforeMatchWeight() / (1 - distance);
                best.merge(items.get(p), position, Math::max);
            }
            best.forEach((item, position) -> votes.merge(item, neighbour.score() * position, Double::sum));
        }
        return votes;
    }
}
