package io.ecrm.ingest.logs;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.ecrm.schemas.EventDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Hostile access log lines: in the common, combined and cookie-logging formats, the parser never
 * throws; it gives a line or a reason (never both, never neither); a parsed line keeps the
 * parser's promises; and an event made from it passes the one validator.
 * Seeds: {@code src/test/resources/io/ecrm/ingest/logs/AccessLogParserFuzzTestInputs/parsesOrNamesTheReason}
 * (each file is one line, read as ISO-8859-1 like {@code ecrm ingest-log} reads logs).
 */
class AccessLogParserFuzzTest {
    private static final List<String> FORMATS = List.of(AccessLogFormat.COMMON, AccessLogFormat.COMBINED, LogFuzzing.COOKIE_FORMAT);
    private final List<AccessLogParser> parsers = FORMATS.stream().map(f -> new AccessLogParser(AccessLogFormat.compile(f))).toList();
    private final List<LogEventMapper> mappers = FORMATS.stream().map(LogFuzzing::mapper).toList();

    @FuzzTest(maxDuration = "2m")
    void parsesOrNamesTheReason(byte[] input) {
        String text = new String(input, StandardCharsets.ISO_8859_1);
        for (int f = 0; f < FORMATS.size(); f++) {
            AccessLogParser.Result result = parsers.get(f).parse(text);
            assertTrue(result.ok() == (result.rejection() == null), "a line or a reason, not both");
            if (result.ok()) {
                keepsItsPromises(result.line());
            } else {
                assertNull(result.line());
                assertTrue(result.rejection().malformed(), "the parser only rejects broken lines");
            }
            LogEventMapper.Outcome outcome = mappers.get(f).map(text, 1, "fuzz.log");
            assertTrue(outcome.ok() == (outcome.rejection() == null));
            if (outcome.ok()) {
                LogFuzzing.assertValid(outcome.event());
            }
        }
    }

    private static void keepsItsPromises(AccessLogLine line) {
        assertTrue(line.timestampMillis() >= EventDecoder.MIN_TIMESTAMP_MILLIS
                && line.timestampMillis() < EventDecoder.MAX_TIMESTAMP_MILLIS, "time " + line.timestampMillis());
        assertTrue(line.status() >= 100 && line.status() <= 599);
        assertTrue(line.bytes() >= 0);
        assertNotNull(line.method());
        assertTrue(!line.method().isEmpty() && line.method().chars().allMatch(c -> c >= 'A' && c <= 'Z'), line.method());
        assertTrue(line.target().startsWith("/") || line.target().startsWith("http"), line.target());
        assertTrue(line.path().length() + (line.query().isEmpty() ? 0 : line.query().length() + 1) <= line.target().length());
        for (String optional : new String[] {line.referer(), line.userAgent(), line.cookie()}) {
            assertTrue(optional == null || !(optional.isEmpty() || optional.equals("-")), "absent values are null");
        }
    }
}
