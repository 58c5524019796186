package io.ecrm.ingest.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecrm.schemas.ClickEvent;
import io.ecrm.schemas.EventDecoder;
import java.io.UncheckedIOException;

/** What the log fuzz tests share: the README's rules, and the check that a made event passes the one validator. */
final class LogFuzzing {
    static final String RULES = """
            {"methods": ["GET", "POST"], "statuses": ["2xx", "3xx"],
             "rules": [{"path": "/product/{itemId}", "type": "product_view"},
                       {"path": "/cart/add", "query": {"item": "{itemId}"}, "type": "add_to_cart"},
                       {"path": "/search", "query": {"q": "{query}"}, "type": "search"},
                       {"path": "/account/{customerId}/orders/{itemId}", "type": "purchase"},
                       {"path": "/static/*", "type": "page_view"}]}""";
    static final String COOKIE_FORMAT = AccessLogFormat.COMBINED + " \"%{Cookie}i\"";
    private static final ObjectMapper JSON = new ObjectMapper();

    private LogFuzzing() {
    }

    static UrlRules rules() {
        try {
            return UrlRules.parse(JSON.readTree(RULES));
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static LogEventMapper mapper(String format) {
        return new LogEventMapper(new AccessLogParser(AccessLogFormat.compile(format)), rules(), new VisitorIdentity("ecrm_aid", "salt", VisitorIdentity.IpHandling.HASH));
    }

    /** An event made from a log line must be one the HTTP API would accept as it is. */
    static void assertValid(ClickEvent event) {
        ObjectNode node = JSON.valueToTree(event);
        node.set("timestamp", node.remove("timestampMillis"));
        if (event.quantity() == 1) {
            node.remove("quantity");
        }
        ArrayNode batch = JSON.createArrayNode().add(node);
        EventDecoder.Batch decoded = new EventDecoder().decodeBatch(batch);
        assertEquals(java.util.List.of(), decoded.errors(), "the event made from a log line breaks the schema: " + node);
        assertEquals(event, decoded.events().get(0));
    }
}
