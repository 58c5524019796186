package io.ecrm.recommender;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A bounded {@link SessionIndex} in memory, fed one click at a time by {@link #observe}: the call
 * offline training and the streaming path make for every product event. Bounds: at most
 * {@code maxSessions} sessions (the oldest started is evicted first), none whose last click is more
 * than {@code maxAgeMillis} older than the newest click (when that is not 0), {@code maxSessionsPerItem}
 * most recent sessions per item, {@code maxClicksPerSession} latest clicks per session. So memory
 * and query cost stay flat however long the history.
 * <p>
 * Not thread-safe: one writer, and reads that do not overlap a write (the owner serialises them).
 */
public final class InMemorySessionIndex implements SessionIndex {
    private static final int[] NO_ITEMS = new int[0];

    private final int maxSessions;
    private final int maxSessionsPerItem;
    private final int maxClicksPerSession;
    private final long maxAgeMillis;

    private final Map<String, Integer> itemKeys = new HashMap<>();
    private final List<String> itemIds = new ArrayList<>();
    private final List<ItemPostings> postings = new ArrayList<>();

    private final Map<String, Long> sessionNumbers = new HashMap<>();
    // per slot (session number modulo maxSessions): which session owns it, its id, items and last click
    private long[] owner = new long[0];
    private String[] sessionIds = new String[0];
    private int[][] sessionItems = new int[0][];
    private long[] lastClick = new long[0];
    private long nextSession;
    private long oldestSession; // no session numbered below it is indexed
    private long newestClick = Long.MIN_VALUE;

    public InMemorySessionIndex(int maxSessions, int maxSessionsPerItem, int maxClicksPerSession) {
        this(maxSessions, maxSessionsPerItem, maxClicksPerSession, 0);
    }

    /** @param maxAgeMillis drop sessions whose last click is this much older than the newest; 0 for no age bound */
    public InMemorySessionIndex(int maxSessions, int maxSessionsPerItem, int maxClicksPerSession, long maxAgeMillis) {
        if (maxSessions < 1 || maxSessionsPerItem < 1 || maxClicksPerSession < 1 || maxAgeMillis < 0) {
            throw new IllegalArgumentException("index bounds must be positive");
        }
        this.maxSessions = maxSessions;
        this.maxSessionsPerItem = maxSessionsPerItem;
        this.maxClicksPerSession = maxClicksPerSession;
        this.maxAgeMillis = maxAgeMillis;
    }

    public InMemorySessionIndex(SessionKnnSettings settings) {
        this(settings.maxSessions(), settings.maxSessionsPerItem(), settings.maxClicksPerSession(),
                settings.maxSessionAgeMillis());
    }

    /** Adds one click of a session: the session's items grow by one and it becomes the item's most recent session. */
    public void observe(String sessionId, String itemId, long timestampMillis) {
        int item = itemKeys.computeIfAbsent(itemId, id -> {
            itemIds.add(id);
            postings.add(new ItemPostings());
            return itemIds.size() - 1;
        });
        long number = session(sessionId);
        int slot = (int) (number % maxSessions);
        sessionItems[slot] = append(sessionItems[slot], item);
        lastClick[slot] = Math.max(lastClick[slot], timestampMillis);
        postings.get(item).add(number, timestampMillis);
        if (timestampMillis > newestClick) {
            newestClick = timestampMillis;
            if (maxAgeMillis > 0) {
                dropOlderThan(newestClick - maxAgeMillis);
            }
        }
    }

    /**
     * Drops sessions, oldest started first, while the oldest one's last click is before
     * {@code cutoffMillis}; its postings turn stale and are skipped. Sessions start in about the
     * order they end, so this stops at the first recent one rather than searching them all.
     */
    private void dropOlderThan(long cutoffMillis) {
        oldestSession = Math.max(oldestSession, nextSession - owner.length);
        while (oldestSession < nextSession) {
            int slot = (int) (oldestSession % maxSessions);
            if (owner[slot] == oldestSession) {
                if (lastClick[slot] >= cutoffMillis) {
                    return;
                }
                sessionNumbers.remove(sessionIds[slot]);
                owner[slot] = -1;
                sessionIds[slot] = null;
                sessionItems[slot] = NO_ITEMS;
            }
            oldestSession++;
        }
    }

    /** The number of the session, starting a new one (and evicting the oldest) when it is not indexed. */
    private long session(String sessionId) {
        Long known = sessionNumbers.get(sessionId);
        if (known != null) {
            return known;
        }
        long number = nextSession++;
        int slot = (int) (number % maxSessions);
        if (slot >= owner.length) {
            grow(slot + 1);
        } else if (sessionIds[slot] != null) {
            sessionNumbers.remove(sessionIds[slot]); // evicted: its postings turn stale and are skipped
        }
        owner[slot] = number;
        sessionIds[slot] = sessionId;
        sessionItems[slot] = NO_ITEMS;
        lastClick[slot] = Long.MIN_VALUE;
        sessionNumbers.put(sessionId, number);
        return number;
    }

    private void grow(int atLeast) {
        int size = (int) Math.min(maxSessions, Math.max(atLeast, Math.max(16, owner.length * 2L)));
        owner = Arrays.copyOf(owner, size);
        sessionIds = Arrays.copyOf(sessionIds, size);
        sessionItems = Arrays.copyOf(sessionItems, size);
        lastClick = Arrays.copyOf(lastClick, size);
    }

    private int[] append(int[] items, int item) {
        if (items.length < maxClicksPerSession) {
            int[] next = Arrays.copyOf(items, items.length + 1);
            next[items.length] = item;
            return next;
        }
        int[] next = new int[items.length];
        System.arraycopy(items, 1, next, 0, items.length - 1);
        next[items.length - 1] = item;
        return next;
    }

    @Override
    public int itemKey(String itemId) {
        Integer key = itemKeys.get(itemId);
        return key == null ? -1 : key;
    }

    @Override
    public String itemId(int itemKey) {
        return itemIds.get(itemKey);
    }

    @Override
    public int sessionKey(String sessionId) {
        Long number = sessionNumbers.get(sessionId);
        return number == null ? -1 : (int) (number % maxSessions);
    }

    @Override
    public Postings sessionsWith(int itemKey) {
        return itemKey < 0 || itemKey >= postings.size() ? Postings.NONE : postings.get(itemKey);
    }

    @Override
    public int[] items(int sessionKey) {
        return sessionItems[sessionKey];
    }

    @Override
    public long newestClickMillis() {
        return newestClick == Long.MIN_VALUE ? 0 : newestClick;
    }

    /** How many sessions the index holds. */
    public int sessions() {
        return sessionNumbers.size();
    }

    /** One item's most recent sessions: a ring of (session number, click time), the latest at the end. */
    private final class ItemPostings implements Postings {
        private long[] sessions = new long[Math.min(4, maxSessionsPerItem)];
        private long[] times = new long[sessions.length];
        private int start;
        private int size;

        void add(long session, long time) {
            if (size > 0 && sessions[physical(size - 1)] == session) {
                times[physical(size - 1)] = time; // the same session again: its latest click is the one that counts
                return;
            }
            if (size == maxSessionsPerItem) { // full: the oldest is overwritten
                sessions[start] = session;
                times[start] = time;
                start = (start + 1) % sessions.length;
                return;
            }
            if (size == sessions.length) {
                int capacity = Math.min(maxSessionsPerItem, size * 2);
                long[] s = new long[capacity];
                long[] t = new long[capacity];
                for (int i = 0; i < size; i++) {
                    s[i] = sessions[physical(i)];
                    t[i] = times[physical(i)];
                }
                sessions = s;
                times = t;
                start = 0;
            }
            sessions[physical(size)] = session;
            times[physical(size)] = time;
            size++;
        }

        private int physical(int i) {
            return (start + i) % sessions.length;
        }

        @Override
        public int size() {
            return size;
        }

        @Override
        public int session(int i) {
            long number = sessions[physical(size - 1 - i)];
            int slot = (int) (number % maxSessions);
            return owner[slot] == number ? slot : -1;
        }

        @Override
        public long clickMillis(int i) {
            return times[physical(size - 1 - i)];
        }
    }
}
