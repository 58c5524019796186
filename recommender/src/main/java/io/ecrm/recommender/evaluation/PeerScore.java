package io.ecrm.recommender.evaluation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A published method's lists and ours, scored on exactly the same (session, position) rows. */
public record PeerScore(String method, int rows, RankMetrics peer, RankMetrics ours) {
    public static PeerScore score(PeerList list, EvaluationData data, SessionRecommender method) {
        Map<String, Session> sessions = new HashMap<>();
        data.peerTest().forEach(s -> sessions.put(s.id(), s));
        RankMetrics peer = new RankMetrics();
        RankMetrics ours = new RankMetrics();
        int rows = 0;
        for (PeerList.Row row : list.rows()) {
            Session session = sessions.get(row.sessionId());
            if (session == null || row.position() + 1 >= session.length()) {
                continue;
            }
            String target = session.items().get(row.position() + 1);
            List<String> prefix = session.items().subList(0, row.position() + 1);
            peer.add(row.items().subList(0, Math.min(Evaluator.LIST_LENGTH, row.items().size())), target);
            ours.add(method.recommend(prefix, Evaluator.LIST_LENGTH), target);
            rows++;
        }
        return new PeerScore(list.method(), rows, peer, ours);
    }
}
