package io.ecrm.recommender;

/**
 * The past sessions session-kNN compares the current session with, read through small keys: for
 * an item, the sessions that clicked it, most recent click first; for a session, its items in
 * click order. Items and sessions are named by int keys that the index hands out, so that the
 * similarity loop touches arrays, not strings or maps.
 * <p>
 * {@link InMemorySessionIndex} is the implementation offline training and a single instance use,
 * fed one click at a time; a store-backed index implements the same reads.
 */
public interface SessionIndex {
    /** An index with no sessions. */
    SessionIndex EMPTY = new SessionIndex() {
        @Override
        public int itemKey(String itemId) {
            return -1;
        }

        @Override
        public String itemId(int itemKey) {
            throw new IllegalArgumentException("no item " + itemKey);
        }

        @Override
        public int sessionKey(String sessionId) {
            return -1;
        }

        @Override
        public Postings sessionsWith(int itemKey) {
            return Postings.NONE;
        }

        @Override
        public int[] items(int sessionKey) {
            return new int[0];
        }

        @Override
        public long newestClickMillis() {
            return 0;
        }
    };

    /** The key of an item, -1 when no indexed session clicked it. */
    int itemKey(String itemId);

    /** The item named by a key that {@link #itemKey} or {@link #items} gave out. */
    String itemId(int itemKey);

    /** The key of a session, -1 when it is not in the index (never seen, or evicted). */
    int sessionKey(String sessionId);

    /** The sessions that clicked the item, the most recent click first. */
    Postings sessionsWith(int itemKey);

    /** The session's items in click order (item keys); do not modify. Empty once the session has left the index. */
    int[] items(int sessionKey);

    /** The newest click in the index, epoch milliseconds: "now" for the age of past clicks. */
    long newestClickMillis();

    /** The sessions that clicked one item, the latest click first (in the order the index received them). */
    interface Postings {
        Postings NONE = new Postings() {
            @Override
            public int size() {
                return 0;
            }

            @Override
            public int session(int i) {
                return -1;
            }

            @Override
            public long clickMillis(int i) {
                return 0;
            }
        };

        int size();

        /** The session key of the i-th most recent click (0 = newest), or -1 when that session has left the index. */
        int session(int i);

        /** When the i-th click happened, epoch milliseconds. */
        long clickMillis(int i);
    }
}
