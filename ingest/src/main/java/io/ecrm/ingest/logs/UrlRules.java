package io.ecrm.ingest.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecrm.schemas.EventType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules file of {@code ecrm ingest-log}: which requests are which events. The first rule that
 * matches wins. Only requests with a method in {@code methods} and a status class in
 * {@code statuses} are considered (default GET and POST; 2xx and 3xx).
 * <pre>
 * {"methods": ["GET", "POST"], "statuses": ["2xx", "3xx"],
 *  "rules": [{"path": "/product/{itemId}", "type": "product_view"},
 *            {"path": "/cart/add", "query": {"item": "{itemId}"}, "type": "add_to_cart"},
 *            {"path": "/search", "query": {"q": "{query}"}, "type": "search"},
 *            {"path": "/checkout/done", "type": "purchase"}]}
 * </pre>
 */
public final class UrlRules {
    private final List<UrlRule> rules;
    private final Set<String> methods;
    private final Set<Integer> statusClasses;

    public UrlRules(List<UrlRule> rules, Set<String> methods, Set<Integer> statusClasses) {
        this.rules = List.copyOf(rules);
        this.methods = Set.copyOf(methods);
        this.statusClasses = Set.copyOf(statusClasses);
    }

    public static UrlRules read(Path file) throws IOException {
        return parse(new ObjectMapper().readTree(file.toFile()));
    }

    /** Reads rules from JSON; an error names the rule and the field. */
    public static UrlRules parse(JsonNode root) {
        if (root == null || !root.isObject() || !root.path("rules").isArray() || root.path("rules").isEmpty()) {
            throw new IllegalArgumentException("rules file: expected an object with a non-empty \"rules\" array");
        }
        List<UrlRule> rules = new ArrayList<>();
        for (int i = 0; i < root.get("rules").size(); i++) {
            JsonNode rule = root.get("rules").get(i);
            String at = "rules[" + i + "]";
            EventType type = EventType.fromWireName(rule.path("type").asText()).orElseThrow(() ->
                    new IllegalArgumentException(at + ".type: expected an event type, was '" + rule.path("type").asText() + "'"));
            Map<String, String> query = new LinkedHashMap<>();
            rule.path("query").fields().forEachRemaining(e -> query.put(e.getKey(), e.getValue().asText()));
            try {
                rules.add(UrlRule.of(type, rule.path("path").asText(null), query));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(at + ".path: " + e.getMessage());
            }
        }
        Set<String> methods = Set.of("GET", "POST");
        if (root.has("methods")) {
            List<String> named = new ArrayList<>();
            root.get("methods").forEach(m -> named.add(m.asText().toUpperCase()));
            methods = Set.copyOf(named);
        }
        Set<Integer> classes = Set.of(2, 3);
        if (root.has("statuses")) {
            List<Integer> named = new ArrayList<>();
            for (JsonNode s : root.get("statuses")) {
                String text = s.asText();
                if (!text.matches("[1-5]xx")) {
                    throw new IllegalArgumentException("statuses: expected classes like \"2xx\", was '" + text + "'");
                }
                named.add(text.charAt(0) - '0');
            }
            classes = Set.copyOf(named);
        }
        return new UrlRules(rules, methods, classes);
    }

    public boolean accepts(AccessLogLine line) {
        return methods.contains(line.method()) && statusClasses.contains(line.status() / 100);
    }

    /** The first matching rule and what it captured, or null. */
    public Match match(AccessLogLine line) {
        String path = line.path();
        if (!path.startsWith("/")) {
            int slash = path.indexOf('/', path.indexOf("//") + 2); // absolute URL: keep its path
            path = slash < 0 ? "/" : path.substring(slash);
        }
        Map<String, String> params = queryParams(line.query());
        for (UrlRule rule : rules) {
            Map<String, String> captured = rule.match(path, params);
            if (captured != null) {
                return new Match(rule.type(), captured);
            }
        }
        return null;
    }

    /** A matched rule: the event type and the captured fields. */
    public record Match(EventType type, Map<String, String> fields) {
    }

    private static Map<String, String> queryParams(String query) {
        Map<String, String> params = new HashMap<>();
        if (query.isEmpty()) {
            return params;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String name = UrlRule.decode(eq < 0 ? pair : pair.substring(0, eq));
            params.putIfAbsent(name, eq < 0 ? "" : UrlRule.decode(pair.substring(eq + 1)));
        }
        return params;
    }
}
