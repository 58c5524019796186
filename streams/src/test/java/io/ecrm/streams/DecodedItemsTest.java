package io.ecrm.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class DecodedItemsTest {
    private final Map<String, String> store = new HashMap<>();
    private final AtomicInteger reads = new AtomicInteger();
    private final Function<String, String> read = key -> {
        reads.incrementAndGet();
        return store.get(key);
    };

    @Test
    void readsTheStoreOnceAndKeepsAbsentKeysToo() {
        DecodedItems<String> decoded = new DecodedItems<>(10);
        store.put("a", "1");
        assertEquals("1", decoded.get("a", read));
        assertEquals("1", decoded.get("a", read));
        assertNull(decoded.get("b", read));
        assertNull(decoded.get("b", read));
        assertEquals(2, reads.get());
    }

    @Test
    void aChangeReplacesAKeptValueAndIsIgnoredForOthers() {
        DecodedItems<String> decoded = new DecodedItems<>(10);
        store.put("a", "1");
        decoded.get("a", read);
        decoded.get("b", read);
        store.put("a", "2");
        decoded.changed("a", "2");
        store.put("b", "3");
        decoded.changed("b", "3");
        store.remove("a");
        decoded.changed("a", null);
        decoded.changed("c", "4");
        assertNull(decoded.get("a", read));
        assertEquals("3", decoded.get("b", read));
        assertEquals(2, reads.get(), "changes came from the updater, not from reads");
        assertEquals(2, decoded.size(), "a key never asked for is not kept");
    }

    @Test
    void letsEverythingGoWhenFullAndAfterAClear() {
        DecodedItems<String> decoded = new DecodedItems<>(2);
        store.put("a", "1");
        decoded.get("a", read);
        decoded.get("b", read);
        decoded.get("c", read);
        assertEquals(1, decoded.size(), "full: let go, then c kept");
        store.put("c", "5");
        decoded.clear();
        assertEquals("5", decoded.get("c", read), "read again after a clear");
        assertThrows(IllegalArgumentException.class, () -> new DecodedItems<String>(0));
    }
}
