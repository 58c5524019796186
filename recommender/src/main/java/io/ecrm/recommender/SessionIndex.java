package io.ecrm.recommender;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The past sessions a session-kNN query compares the current session with: each session's items
 * in click order, and for each item the most recent sessions that contain it. Bounded on both
 * sides (sessions kept, sessions per item), so memory and query cost do not grow with history.
 * Updated one click at a time by {@link #observe}, the same call offline training and the
 * streaming path make.
 */
public final class SessionIndex {
    /** A past session: its items in click order and a sequence number that grows with recency. */
    public record PastSession(String id, List<String> items, long recency) {
    }

    private final int maxSessions;
    private final int maxSessionsPerItem;
    private final LinkedHashMap<String, PastSession> sessions = new LinkedHashMap<>();
    private final Map<String, Deque<String>> sessionsWithItem = new HashMap<>();
    private long clock;

    public SessionIndex(int maxSessions, int maxSessionsPerItem) {
        this.maxSessions = maxSessions;
        this.maxSessionsPerItem = maxSessionsPerItem;
    }

    /** Adds one click of a session; the session becomes the most recent. */
    public void observe(String sessionId, String itemId) {
        PastSession before = sessions.remove(sessionId);
        List<String> items = new ArrayList<>(before == null ? List.of() : before.items());
        items.add(itemId);
        sessions.put(sessionId, new PastSession(sessionId, items, ++clock));
        Deque<String> holders = sessionsWithItem.computeIfAbsent(itemId, k -> new ArrayDeque<>());
        holders.remove(sessionId);
        holders.addFirst(sessionId);
        if (holders.size() > maxSessionsPerItem) {
            holders.removeLast();
        }
        if (sessions.size() > maxSessions) {
            Iterator<PastSession> oldest = sessions.values().iterator();
            PastSession evicted = oldest.next();
            oldest.remove();
            for (String item : evicted.items()) {
                Deque<String> list = sessionsWithItem.get(item);
                if (list != null) {
                    list.remove(evicted.id());
                }
            }
        }
    }

    /** The most recent sessions holding the item, newest first. */
    public Iterable<String> sessionsWith(String itemId) {
        Deque<String> holders = sessionsWithItem.get(itemId);
        return holders == null ? List.of() : holders;
    }

    public PastSession session(String id) {
        return sessions.get(id);
    }
}
