package io.ecrm.streams.cleaning;

import io.ecrm.schemas.IdHash;
import java.util.Arrays;

/**
 * The ids of one visitor's recent events, as the dedup check needs them: a 64-bit hash of each id
 * and the event's time, newest first. Events are keyed by visitor, so a resent event meets its
 * original here, in the visitor's own record, without a store of its own.
 * <p>
 * Two different ids of one visitor share a hash with odds of about n² / 2^65 for n ids kept (one in
 * 10^13 at a thousand): far below the odds of a shop reusing an id. Immutable.
 */
public final class RecentEventIds {
    public static final RecentEventIds NONE = new RecentEventIds(new long[0], new long[0]);

    private final long[] hashes;
    private final long[] times;

    private RecentEventIds(long[] hashes, long[] times) {
        this.hashes = hashes;
        this.times = times;
    }

    /** Ids as stored: hashes and times, newest first, of the same length. */
    public static RecentEventIds of(long[] hashes, long[] times) {
        if (hashes.length != times.length) {
            throw new IllegalArgumentException("one time per id: " + hashes.length + " ids, " + times.length + " times");
        }
        return hashes.length == 0 ? NONE : new RecentEventIds(hashes.clone(), times.clone());
    }

    /** Whether an event of this id was kept within {@code windowMillis} of {@code timestampMillis}, either way. */
    public boolean seen(String eventId, long timestampMillis, long windowMillis) {
        long hash = hash(eventId);
        for (int i = 0; i < hashes.length; i++) {
            if (hashes[i] == hash && Math.abs(times[i] - timestampMillis) <= windowMillis) {
                return true;
            }
        }
        return false;
    }

    /**
     * These ids with one more, newest first: ids of events before {@code keepFromMillis} are
     * dropped, and the oldest kept beyond {@code max}.
     */
    public RecentEventIds with(String eventId, long timestampMillis, long keepFromMillis, int max) {
        int kept = 0;
        long[] nextHashes = new long[Math.min(hashes.length + 1, max)];
        long[] nextTimes = new long[nextHashes.length];
        nextHashes[0] = hash(eventId);
        nextTimes[0] = timestampMillis;
        kept++;
        for (int i = 0; i < hashes.length && kept < max; i++) {
            if (times[i] >= keepFromMillis) {
                nextHashes[kept] = hashes[i];
                nextTimes[kept] = times[i];
                kept++;
            }
        }
        return new RecentEventIds(Arrays.copyOf(nextHashes, kept), Arrays.copyOf(nextTimes, kept));
    }

    public int size() {
        return hashes.length;
    }

    public long hashAt(int index) {
        return hashes[index];
    }

    public long timeAt(int index) {
        return times[index];
    }

    /** The id's stable hash ({@link IdHash}), as records keep it. */
    static long hash(String eventId) {
        return IdHash.of(eventId);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RecentEventIds ids && Arrays.equals(hashes, ids.hashes) && Arrays.equals(times, ids.times);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(hashes) + Arrays.hashCode(times);
    }

    @Override
    public String toString() {
        return "RecentEventIds[" + hashes.length + " ids]";
    }
}
