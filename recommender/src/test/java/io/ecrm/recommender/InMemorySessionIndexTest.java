package io.ecrm.recommender;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemorySessionIndexTest {
    /** Session ids of the item's postings, newest first ("-" for a session that has left the index). */
    private static List<String> sessionsWith(InMemorySessionIndex index, String item, List<String> ids) {
        SessionIndex.Postings postings = index.sessionsWith(index.itemKey(item));
        List<String> sessions = new ArrayList<>();
        for (int i = 0; i < postings.size(); i++) {
            int key = postings.session(i);
            sessions.add(key < 0 ? "-" : ids.stream().filter(id -> index.sessionKey(id) == key).findFirst().orElseThrow());
        }
        return sessions;
    }

    private static List<String> items(InMemorySessionIndex index, String session) {
        List<String> items = new ArrayList<>();
        for (int key : index.items(index.sessionKey(session))) {
            items.add(index.itemId(key));
        }
        return items;
    }

    @Test
    void listsTheSessionsOfAnItemLatestClickFirst() {
        InMemorySessionIndex index = new InMemorySessionIndex(10, 10, 10);
        index.observe("s1", "a", 1000);
        index.observe("s2", "a", 2000);
        index.observe("s1", "b", 3000);
        index.observe("s3", "a", 4000);
        List<String> ids = List.of("s1", "s2", "s3");
        assertEquals(List.of("s3", "s2", "s1"), sessionsWith(index, "a", ids));
        assertEquals(4000, index.sessionsWith(index.itemKey("a")).clickMillis(0));
        assertEquals(List.of("a", "b"), items(index, "s1"));
        assertEquals(4000, index.newestClickMillis());
        assertEquals(-1, index.itemKey("unknown"));
    }

    @Test
    void aSessionClickingTheSameItemAgainMovesToItsLatestClick() {
        InMemorySessionIndex index = new InMemorySessionIndex(10, 10, 10);
        index.observe("s1", "a", 1000);
        index.observe("s1", "a", 2000);
        assertEquals(1, index.sessionsWith(index.itemKey("a")).size());
        assertEquals(2000, index.sessionsWith(index.itemKey("a")).clickMillis(0));
        assertEquals(List.of("a", "a"), items(index, "s1"), "the session keeps both clicks");
    }

    @Test
    void keepsTheMostRecentSessionsPerItemAndOverall() {
        InMemorySessionIndex index = new InMemorySessionIndex(2, 1, 10);
        index.observe("s1", "a", 1);
        index.observe("s1", "b", 2);
        index.observe("s2", "a", 3);
        index.observe("s2", "c", 4);
        index.observe("s3", "d", 5);
        List<String> ids = List.of("s1", "s2", "s3");
        assertEquals(List.of("s2"), sessionsWith(index, "a", ids), "one session per item: the most recent");
        assertEquals(-1, index.sessionKey("s1"), "two sessions are kept: the first started is evicted");
        assertEquals(List.of("-"), sessionsWith(index, "b", ids), "an evicted session's posting is stale");
        assertEquals(2, index.sessions());
    }

    @Test
    void keepsTheLatestClicksOfALongSession() {
        InMemorySessionIndex index = new InMemorySessionIndex(10, 10, 3);
        for (String item : List.of("a", "b", "c", "d")) {
            index.observe("s", item, 1);
        }
        assertEquals(List.of("b", "c", "d"), items(index, "s"));
        assertArrayEquals(new int[0], SessionIndex.EMPTY.items(0));
    }

    @Test
    void dropsSessionsWhoseLastClickIsOlderThanTheAgeBound() {
        InMemorySessionIndex index = new InMemorySessionIndex(10, 10, 10, 100);
        index.observe("old", "a", 0);
        index.observe("long", "a", 10);
        index.observe("recent", "b", 60);
        index.observe("long", "b", 90); // started early, clicked late: kept
        index.observe("new", "c", 150);
        List<String> ids = List.of("old", "long", "recent", "new");
        assertEquals(-1, index.sessionKey("old"), "last click 150 ms before the newest: dropped");
        assertEquals(List.of("long", "-"), sessionsWith(index, "a", ids), "a dropped session's posting is stale");
        assertEquals(List.of("a", "b"), items(index, "long"));
        assertEquals(3, index.sessions());
        index.observe("later", "c", 195);
        assertEquals(-1, index.sessionKey("long"));
        assertEquals(-1, index.sessionKey("recent"));
        assertEquals(2, index.sessions());
        index.observe("old", "d", 196);
        assertEquals(List.of("d"), items(index, "old"), "a dropped session that clicks again starts afresh");
    }

    @Test
    void anIndexWithoutAnAgeBoundKeepsOldSessions() {
        InMemorySessionIndex index = new InMemorySessionIndex(10, 10, 10);
        index.observe("old", "a", 0);
        index.observe("new", "a", 1_000_000_000L);
        assertEquals(2, index.sessions());
    }
}
