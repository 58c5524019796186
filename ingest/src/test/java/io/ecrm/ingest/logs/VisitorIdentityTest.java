package io.ecrm.ingest.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class VisitorIdentityTest {
    private static AccessLogLine from(String host, String userAgent) {
        return new AccessLogLine(host, 1_763_975_730_000L, "GET", "/", 200, 0, null, userAgent, null);
    }

    @Test
    void hashingKeepsNothingOfTheAddress() {
        VisitorIdentity identity = new VisitorIdentity(null, "salt", VisitorIdentity.IpHandling.HASH);
        String id = identity.of(from("198.51.100.23", "Mozilla/5.0"));
        assertTrue(id.startsWith("h-"));
        assertFalse(id.contains("198") || id.contains("51.100"), id);
        assertEquals(id, identity.of(from("198.51.100.23", "Mozilla/5.0")), "the same visitor keeps one id");
        assertNotEquals(id, identity.of(from("198.51.100.24", "Mozilla/5.0")));
        assertNotEquals(id, new VisitorIdentity(null, "other salt", VisitorIdentity.IpHandling.HASH)
                .of(from("198.51.100.23", "Mozilla/5.0")), "the salt is part of the hash");
    }

    @Test
    void truncatingKeepsOnlyTheNetwork() {
        VisitorIdentity identity = new VisitorIdentity(null, "salt", VisitorIdentity.IpHandling.TRUNCATE);
        String v4 = identity.of(from("198.51.100.23", "Mozilla/5.0"));
        assertTrue(v4.startsWith("n-198.51.100.0-"), v4);
        assertFalse(v4.contains("100.23"));
        assertEquals(v4, identity.of(from("198.51.100.99", "Mozilla/5.0")), "one /24 and one browser are one visitor");
        assertNotEquals(v4, identity.of(from("198.51.100.23", "curl/8.0")));
        String v6 = identity.of(from("2001:db8:abcd:12::7", "Mozilla/5.0"));
        assertTrue(v6.startsWith("n-2001:db8:abcd::-"), v6);
        assertFalse(v6.contains(":12:") || v6.contains("::7"), v6);
        assertTrue(identity.of(from("crawler.example.org", "Mozilla/5.0")).startsWith("h-"), "a host name is hashed whole");
    }

    @Test
    void aCookieThatIsNoValidIdIsNotTheVisitor() {
        VisitorIdentity identity = new VisitorIdentity("ecrm_aid", "salt", VisitorIdentity.IpHandling.HASH);
        AccessLogLine good = new AccessLogLine("198.51.100.23", 0, "GET", "/", 200, 0, null, "ua", "x=1; ecrm_aid=v-1");
        assertEquals("v-1", identity.of(good));
        for (String bad : new String[] {"v-\u0001", "   ", "v".repeat(129)}) {
            AccessLogLine line = new AccessLogLine("198.51.100.23", 0, "GET", "/", 200, 0, null, "ua", "ecrm_aid=" + bad);
            assertTrue(identity.of(line).startsWith("h-"), bad);
        }
    }

    @Test
    void networksAreReadOnlyFromAddressLiterals() {
        assertEquals("10.1.2.0", VisitorIdentity.network("10.1.2.3"));
        assertNull(VisitorIdentity.network("10.1.2.256"));
        assertNull(VisitorIdentity.network("10.1.2"));
        assertNull(VisitorIdentity.network("abc:def:zzz"));
        assertEquals("0:0:0::", VisitorIdentity.network("::1"));
        assertThrows(IllegalArgumentException.class, () -> VisitorIdentity.IpHandling.named("keep"));
    }
}
