package io.ecrm.streams;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The decoded values of one global store that queries asked for, kept in memory so that a query
 * does not look the store up and decode the same record again: neighbour and follows lists, catalogue
 * entries. The store's updater reports each change ({@link #changed}) after writing it, which
 * replaces a value kept here; a value not kept is read from the store on first ask. A key the store
 * does not hold is kept as absent too (unknown items are asked for again and again).
 * <p>
 * Safe for many reading threads and the one updating thread: a read that misses holds the key's
 * bin while it reads the store, and a change of that key waits for it, then writes the newer
 * value over it. Bounded: when {@code maxEntries} are kept, everything is let go and the values
 * asked for fill it again, the most asked first.
 */
final class DecodedItems<V> {
    private static final Object ABSENT = new Object();

    private final ConcurrentHashMap<String, Object> decoded = new ConcurrentHashMap<>();
    private final int maxEntries;

    DecodedItems(int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be positive, was " + maxEntries);
        }
        this.maxEntries = maxEntries;
    }

    /** The value of {@code key}, from memory or else by {@code read} from the store; null when the store has none. */
    @SuppressWarnings("unchecked")
    V get(String key, Function<String, V> read) {
        Object value = decoded.get(key);
        if (value == null) {
            if (decoded.size() >= maxEntries) {
                decoded.clear();
            }
            value = decoded.computeIfAbsent(key, k -> {
                V stored = read.apply(k);
                return stored == null ? ABSENT : stored;
            });
        }
        return value == ABSENT ? null : (V) value;
    }

    /** The store now holds {@code value} under {@code key} (null: deleted); called after the store's write. */
    void changed(String key, V value) {
        decoded.computeIfPresent(key, (k, old) -> value == null ? ABSENT : value);
    }

    /** Forgets everything: the store was rebuilt without its updater seeing each record (a restore). */
    void clear() {
        decoded.clear();
    }

    int size() {
        return decoded.size();
    }
}
