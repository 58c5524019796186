package io.ecrm.streams.profile;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The open visits of a task's visitors by start time, to close them when due: one entry per
 * visitor with an open visit, keyed by the visit's start and the visitor ({@code Stores.VISIT_EXPIRY}).
 * An entry is written when a visit opens (and moved in the rare case a late event, or a merge of
 * two visitors, moves the start back), not on every event. A visit can only be due once its start
 * is a gap behind stream time, so each check reads the visits that started that long ago.
 * <p>
 * A closed visit's entry is deleted, which in RocksDB leaves a tombstone until compaction reaches
 * it; a scan from the start of the key range read every one of them, tens of thousands, on every
 * check, and the stream thread fell behind in long soaks until a compaction cleared them. So a
 * scan starts at the floor the previous one left: the earliest start among the entries it kept.
 * Every entry written since starts no earlier, or lowers the floor.
 */
public final class VisitExpiry {
    /** An open visit old enough to be checked: the visitor, and the start its entry was written with. */
    public record Candidate(String visitorKey, long startMillis) {
    }

    private static final char SEPARATOR = '\u0000';

    private final KeyValueStore<String, Long> entries;
    /** No entry starts before this; 0 until the first check after (re)start. */
    private long floor;

    public VisitExpiry(KeyValueStore<String, Long> entries) {
        this.entries = entries;
    }

    /** Keeps the visitor's one entry on its open visit, {@code before} and {@code after} an event, a merge or a close. */
    public void move(String visitorKey, Visit before, Visit after) {
        long beforeStart = before == null ? Long.MIN_VALUE : before.startMillis();
        long afterStart = after == null ? Long.MIN_VALUE : after.startMillis();
        if (beforeStart == afterStart) {
            return;
        }
        if (before != null) {
            entries.delete(key(beforeStart, visitorKey));
        }
        if (after != null) {
            entries.put(key(afterStart, visitorKey), afterStart);
            floor = Math.min(floor, afterStart);
        }
    }

    /** The open visits that started at or before {@code dueMillis}; each must be {@link #kept} or {@link #closed}. */
    public List<Candidate> startedBy(long dueMillis) {
        List<Candidate> due = new ArrayList<>();
        try (KeyValueIterator<String, Long> it = entries.range(key(Math.min(floor, dueMillis), ""), key(dueMillis, ""))) {
            it.forEachRemaining((KeyValue<String, Long> entry) ->
                    due.add(new Candidate(entry.key.substring(entry.key.indexOf(SEPARATOR) + 1), entry.value)));
        }
        floor = dueMillis;
        return due;
    }

    /** A candidate still going on: the next scan starts no later than its start. */
    public void kept(Candidate candidate) {
        floor = Math.min(floor, candidate.startMillis());
    }

    /** A candidate whose visit is closed, or no longer open: its entry goes. */
    public void closed(Candidate candidate) {
        entries.delete(key(candidate.startMillis(), candidate.visitorKey()));
    }

    /** The entry key of a visit: its start, zero-padded so that keys sort by time, and the visitor. */
    static String key(long startMillis, String visitorKey) {
        // String.format("%019d") by hand: the format parser was a tenth of the visitor side's own time
        String digits = Long.toString(startMillis);
        int width = 19;
        StringBuilder key = new StringBuilder(21 + visitorKey.length());
        if (startMillis < 0) {
            key.append('-');
            digits = digits.substring(1);
            width--;
        }
        key.append("0".repeat(Math.max(0, width - digits.length())));
        return key.append(digits).append(SEPARATOR).append(visitorKey).toString();
    }
}
