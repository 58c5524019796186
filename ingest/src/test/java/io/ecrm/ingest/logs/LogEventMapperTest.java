package io.ecrm.ingest.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecrm.schemas.ClickEvent;
import io.ecrm.schemas.EventType;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class LogEventMapperTest {
    private static final String RULES = """
            {"rules": [{"path": "/product/{itemId}", "type": "product_view"},
                       {"path": "/cart/add", "query": {"item": "{itemId}"}, "type": "add_to_cart"},
                       {"path": "/search", "query": {"q": "{query}"}, "type": "search"},
                       {"path": "/checkout/done", "type": "purchase_confirmation_page", "note": "bad on purpose"}]}""";
    private static final String GOOD_RULES = """
            {"rules": [{"path": "/product/{itemId}", "type": "product_view"},
                       {"path": "/cart/add", "query": {"item": "{itemId}"}, "type": "add_to_cart"},
                       {"path": "/search", "query": {"q": "{query}"}, "type": "search"},
                       {"path": "/account/{customerId}/orders/{itemId}", "type": "purchase"},
                       {"path": "/static/*", "type": "page_view"}]}""";
    private static final String FORMAT = "%h %l %u %t \"%r\" %>s %b \"%{Referer}i\" \"%{User-agent}i\" \"%{Cookie}i\"";

    private static LogEventMapper mapper() throws Exception {
        UrlRules rules = UrlRules.parse(new ObjectMapper().readTree(GOOD_RULES));
        return new LogEventMapper(new AccessLogParser(AccessLogFormat.compile(FORMAT)), rules, new VisitorIdentity("ecrm_aid", "salt", VisitorIdentity.IpHandling.HASH));
    }

    private static String line(String method, String target, int status, String cookie) {
        return "203.0.113.7 - - [24/Nov/2026:10:15:30 +0000] \"" + method + " " + target + " HTTP/1.1\" " + status
                + " 100 \"-\" \"Mozilla/5.0\" \"" + cookie + "\"";
    }

    @Test
    void eachRuleKindMakesItsEvent() throws Exception {
        LogEventMapper mapper = mapper();
        ClickEvent view = mapper.map(line("GET", "/product/sku%2D1", 200, "ecrm_aid=v-1"), 1, "access.log").event();
        assertEquals(EventType.PRODUCT_VIEW, view.type());
        assertEquals("sku-1", view.itemId(), "path segments are URL-decoded");
        assertEquals("v-1", view.anonymousId(), "the cookie names the visitor");
        assertEquals("access.log:1", view.eventId());
        ClickEvent cart = mapper.map(line("POST", "/cart/add?item=sku-2&qty=1", 302, "-"), 2, "access.log").event();
        assertEquals(EventType.ADD_TO_CART, cart.type());
        assertEquals("sku-2", cart.itemId());
        ClickEvent search = mapper.map(line("GET", "/search?q=red+shoes", 200, "-"), 3, "access.log").event();
        assertEquals("red shoes", search.query());
        ClickEvent order = mapper.map(line("GET", "/account/c-42/orders/sku-3", 200, "-"), 4, "access.log").event();
        assertEquals("c-42", order.customerId());
        assertEquals("c:c-42", order.visitorKey());
        assertEquals(EventType.PAGE_VIEW, mapper.map(line("GET", "/static/css/site.css", 200, "-"), 5, "f").event().type());
    }

    @Test
    void withoutACookieTheVisitorIsAHashThatNeverHoldsTheIp() throws Exception {
        ClickEvent event = mapper().map(line("GET", "/product/sku-1", 200, "-"), 1, "f").event();
        assertTrue(event.anonymousId().startsWith("h-"));
        assertFalse(event.anonymousId().contains("203.0.113.7"));
        assertEquals(event.anonymousId(), mapper().map(line("GET", "/product/sku-2", 200, "-"), 2, "f").event().anonymousId(),
                "the same IP and user agent are the same visitor");
        ClickEvent otherSalt = new LogEventMapper(new AccessLogParser(AccessLogFormat.compile(FORMAT)),
                UrlRules.parse(new ObjectMapper().readTree(GOOD_RULES)), new VisitorIdentity("ecrm_aid", "other", VisitorIdentity.IpHandling.HASH))
                .map(line("GET", "/product/sku-1", 200, "-"), 1, "f").event();
        assertFalse(otherSalt.anonymousId().equals(event.anonymousId()), "the hash depends on the installation's salt");
    }

    @Test
    void wellFormedLinesThatAreNotEventsAreCountedApart() throws Exception {
        LogEventMapper mapper = mapper();
        assertEquals(LogRejectReason.UNMATCHED_URL, mapper.map(line("GET", "/about", 200, "-"), 1, "f").rejection());
        assertEquals(LogRejectReason.FILTERED, mapper.map(line("GET", "/product/sku-1", 404, "-"), 1, "f").rejection());
        assertEquals(LogRejectReason.FILTERED, mapper.map(line("HEAD", "/product/sku-1", 200, "-"), 1, "f").rejection());
        assertEquals(LogRejectReason.UNMATCHED_URL, mapper.map(line("GET", "/cart/add?other=1", 200, "-"), 1, "f").rejection(),
                "a required query parameter is missing");
        assertEquals(LogRejectReason.INVALID_EVENT,
                mapper.map(line("GET", "/product/" + "x".repeat(200), 200, "-"), 1, "f").rejection());
        assertFalse(LogRejectReason.UNMATCHED_URL.malformed());
    }

    @Test
    void badRulesSayWhichRuleAndField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> UrlRules.parse(new ObjectMapper().readTree(RULES)));
        assertEquals("rules[3].type: expected an event type, was 'purchase_confirmation_page'", e.getMessage());
        IllegalArgumentException noItem = assertThrows(IllegalArgumentException.class, () -> UrlRules.parse(
                new ObjectMapper().readTree("{\"rules\": [{\"path\": \"/product/{sku}\", \"type\": \"product_view\"}]}")));
        assertTrue(noItem.getMessage().startsWith("rules[0].path: unknown placeholder {sku}"), noItem.getMessage());
    }

    @Test
    void theRealNasaLogIsCountedLineByLine() throws Exception {
        Path data = null;
        for (Path p = Path.of("").toAbsolutePath(); p != null && data == null; p = p.getParent()) {
            Path candidate = p.resolve("shared/data/weblogs/nasa-jul95-10k.log.gz");
            data = Files.exists(candidate) ? candidate : null;
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(data != null, "../shared/data is absent");
        UrlRules rules = UrlRules.parse(new ObjectMapper().readTree(
                "{\"methods\": [\"GET\"], \"rules\": [{\"path\": \"/shuttle/missions/{itemId}/*\", \"type\": \"product_view\"}]}"));
        LogEventMapper mapper = new LogEventMapper(new AccessLogParser(AccessLogFormat.named("common")), rules,
                new VisitorIdentity(null, "salt", VisitorIdentity.IpHandling.HASH));
        LogIngestSummary summary = new LogIngestSummary();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(data));
             var reader = new java.io.BufferedReader(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.ISO_8859_1))) {
            long n = 0;
            for (String text = reader.readLine(); text != null; text = reader.readLine()) {
                summary.add(mapper.map(text, ++n, "nasa"));
            }
        }
        assertEquals(10_000, summary.lines());
        assertEquals(summary.lines(), summary.events() + summary.notEvents());
        assertTrue(summary.events() > 1_000, "mission pages are a large share of the NASA log: " + summary.events());
        assertTrue(summary.count(LogRejectReason.UNMATCHED_URL) > 1_000);
        assertTrue(summary.count(LogRejectReason.FILTERED) > 0, "304s and 404s are filtered: " + summary.count(LogRejectReason.FILTERED));
    }
}
