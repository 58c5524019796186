package io.ecrm.ingest.logs;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Hostile request targets against the README's URL rules: matching never throws; a match
 * captures only what the request holds (a decoded path segment, or a decoded query value), never
 * an empty value, and every placeholder its event type needs; and the event the line makes
 * passes the one validator.
 * Seeds: {@code src/test/resources/io/ecrm/ingest/logs/UrlRulesFuzzTestInputs/capturesOnlyFromTheRequest}
 * (each file is one request target, like {@code /product/sku-1?ref=mail}).
 */
class UrlRulesFuzzTest {
    private final UrlRules rules = LogFuzzing.rules();
    private final LogEventMapper mapper = LogFuzzing.mapper(LogFuzzing.COOKIE_FORMAT);

    @FuzzTest(maxDuration = "2m")
    void capturesOnlyFromTheRequest(byte[] input) {
        String target = new String(input, StandardCharsets.ISO_8859_1);
        if (target.isEmpty() || target.indexOf('"') >= 0 || target.indexOf(' ') >= 0 || target.indexOf('\\') >= 0) {
            return; // cannot stand inside a logged request line
        }
        AccessLogLine line = new AccessLogLine("203.0.113.7", 1_763_975_730_000L, "GET", target, 200, 10, null, "Mozilla/5.0", null);
        UrlRules.Match match = rules.match(line);
        if (match != null) {
            Set<String> offered = pieces(target);
            for (Map.Entry<String, String> captured : match.fields().entrySet()) {
                assertFalse(captured.getValue().isEmpty(), "an empty " + captured.getKey() + " from " + target);
                assertTrue(offered.contains(captured.getValue()), captured + " is not a piece of " + target);
            }
            if (match.type().needsItem()) {
                assertNotNull(match.fields().get("itemId"), match.type() + " without an item from " + target);
            }
        }
        String logLine = "203.0.113.7 - - [24/Nov/2026:10:15:30 +0000] \"GET " + target + " HTTP/1.1\" 200 10 \"-\" \"Mozilla/5.0\" \"-\"";
        LogEventMapper.Outcome outcome = mapper.map(logLine, 7, "fuzz.log");
        if (outcome.ok()) {
            LogFuzzing.assertValid(outcome.event());
        }
    }

    /** Every decoded path segment and query value of the target, raw and decoded. */
    private static Set<String> pieces(String target) {
        Set<String> pieces = new HashSet<>();
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        for (String segment : path.split("/", -1)) {
            pieces.add(segment);
            pieces.add(decode(segment));
        }
        if (q >= 0) {
            for (String pair : target.substring(q + 1).split("&")) {
                int eq = pair.indexOf('=');
                String value = eq < 0 ? "" : pair.substring(eq + 1);
                pieces.add(value);
                pieces.add(decode(value));
            }
        }
        return pieces;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }
}
