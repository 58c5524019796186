package io.ecrm.ingest.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

class AccessLogParserTest {
    private static AccessLogLine parse(String format, String line) {
        AccessLogParser.Result result = new AccessLogParser(AccessLogFormat.named(format)).parse(line);
        assertNull(result.rejection(), () -> "rejected: " + result.rejection());
        return result.line();
    }

    private static LogRejectReason reject(String format, String line) {
        return new AccessLogParser(AccessLogFormat.named(format)).parse(line).rejection();
    }

    @Test
    void readsTheCommonFormat() {
        AccessLogLine line = parse("common", "199.72.81.55 - - [01/Jul/1995:00:00:01 -0400] \"GET /history/apollo/ HTTP/1.0\" 200 6245");
        assertEquals("199.72.81.55", line.host());
        assertEquals(OffsetDateTime.parse("1995-07-01T00:00:01-04:00").toInstant().toEpochMilli(), line.timestampMillis());
        assertEquals("GET", line.method());
        assertEquals("/history/apollo/", line.target());
        assertEquals(200, line.status());
        assertEquals(6245, line.bytes());
        assertNull(line.userAgent());
    }

    @Test
    void readsTheCombinedFormatWithEscapedQuotes() {
        AccessLogLine line = parse("combined", "10.1.2.3 - alice [24/Nov/2026:10:15:30 +0100] \"GET /search?q=red+shoes HTTP/1.1\" 200 512 "
                + "\"https://shop.example/\" \"Mozilla/5.0 (X11; \\\"quoted\\\")\"");
        assertEquals("/search", line.path());
        assertEquals("q=red+shoes", line.query());
        assertEquals("https://shop.example/", line.referer());
        assertEquals("Mozilla/5.0 (X11; \\\"quoted\\\")", line.userAgent());
        assertEquals(OffsetDateTime.parse("2026-11-24T10:15:30+01:00").toInstant().toEpochMilli(), line.timestampMillis());
    }

    @Test
    void readsAConfiguredPatternWithCookies() {
        String format = "%h %l %u %t \"%r\" %>s %b \"%{Referer}i\" \"%{User-agent}i\" \"%{Cookie}i\"";
        AccessLogLine line = parse(format, "10.1.2.3 - - [24/Nov/2026:10:15:30 +0000] \"POST /cart/add?item=sku-9 HTTP/1.1\" 302 - "
                + "\"-\" \"Mozilla/5.0\" \"theme=dark; ecrm_aid=abc-123\"");
        assertEquals("theme=dark; ecrm_aid=abc-123", line.cookie());
        assertEquals(0, line.bytes(), "'-' means no body");
        assertNull(line.referer());
        assertEquals(302, line.status());
    }

    @Test
    void acceptsHttp09RequestsWithoutAProtocol() {
        assertEquals("/shuttle/countdown/", parse("common",
                "unicomp6.unicomp.net - - [01/Jul/1995:00:00:06 -0400] \"GET /shuttle/countdown/\" 200 3985").target());
    }

    @Test
    void namesWhyALineIsBroken() {
        assertEquals(LogRejectReason.MALFORMED_LINE, reject("common", "199.72.81.55 - - [01/Jul/1995:00:00:01 -0400] \"GET /x HTTP/1.0"));
        assertEquals(LogRejectReason.MALFORMED_LINE, reject("common", "just some text"));
        assertEquals(LogRejectReason.BAD_TIMESTAMP, reject("common", "h - - [01/Jux/1995:00:00:01 -0400] \"GET /x HTTP/1.0\" 200 1"));
        assertEquals(LogRejectReason.BAD_TIMESTAMP, reject("common", "h - - [yesterday] \"GET /x HTTP/1.0\" 200 1"));
        assertEquals(LogRejectReason.BAD_REQUEST_LINE, reject("common", "h - - [01/Jul/1995:00:00:01 -0400] \"\\x16\\x03\" 400 1"));
        assertEquals(LogRejectReason.BAD_REQUEST_LINE, reject("common", "h - - [01/Jul/1995:00:00:01 -0400] \"GET\" 200 1"));
        assertEquals(LogRejectReason.BAD_NUMBER, reject("common", "h - - [01/Jul/1995:00:00:01 -0400] \"GET /x HTTP/1.0\" OK 1"));
    }
}
