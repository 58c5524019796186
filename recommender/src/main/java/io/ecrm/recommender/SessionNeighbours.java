package io.ecrm.recommender;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
     * The {@code sampleSize} most recent past sessions holding any of the items: a merge of the
     * items' lists, which are newest first, so it reads little more than {@code sampleSize} entries.
     */
    private List<SessionIndex.PastSession> mostRecentSharing(java.util.Set<String> items, SessionIndex index,
                                                            String currentSessionId) {
        record Cursor(java.util.Iterator<String> ids, SessionIndex.PastSession head) {
        }
        java.util.PriorityQueue<Cursor> queue = new java.util.PriorityQueue<>(
                (a, b) -> Long.compare(b.head().recency(), a.head().recency()));
        for (String item : items) {
            java.util.Iterator<String> ids = index.sessionsWith(item).iterator();
            SessionIndex.PastSession head = next(ids, index);
            if (head != null) {
                queue.add(new Cursor(ids, head));
            }
        }
        List<SessionIndex.PastSession> recent = new ArrayList<>(settings.sampleSize());
        java.util.Set<String> taken = new java.util.HashSet<>();
        while (!queue.isEmpty() && recent.size() < settings.sampleSize()) {
            Cursor cursor = queue.poll();
            SessionIndex.PastSession session = cursor.head();
            if (!session.id().equals(currentSessionId) && taken.add(session.id())) {
                recent.add(session);
            }
            SessionIndex.PastSession head = next(cursor.ids(), index);
            if (head != null) {
                queue.add(new Cursor(cursor.ids(), head));
            }
        }
        return recent;
    }

    private static SessionIndex.PastSession next(java.util.Iterator<String> ids, SessionIndex index) {
        while (ids.hasNext()) {
            SessionIndex.PastSession session = index.session(ids.next());
            if (session != null) {
                return session;
            }
        }
        return null;
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
        List<SessionIndex.PastSession> recent = mostRecentSharing(weights.keySet(), index, currentSessionId);
        TopK nearest = new TopK(settings.neighbours());
        Map<String, SessionIndex.PastSession> byId = new HashMap<>();
        for (SessionIndex.PastSession session : recent) {
            double similarity = 0;
            List<String> items = session.items();
            for (int p = 0; p < items.size(); p++) {
                Double weight = weights.get(items.get(p));
                if (weight != null && items.lastIndexOf(items.get(p)) == p) { // each shared item once
                    similarity += weight;
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
