package io.ecrm.ingest.logs;

import io.ecrm.schemas.EventType;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One declarative URL rule: a path template whose segments are literal or {@code {name}}
 * placeholders (a trailing {@code *} matches any rest), query parameters that must be present
 * (with a literal value, or a {@code {name}} placeholder capturing it), and the event type it
 * makes. Placeholders name event fields: {@code itemId}, {@code query}, {@code customerId}.
 */
public record UrlRule(EventType type, List<String> segments, Map<String, String> query) {
    static final List<String> FIELDS = List.of("itemId", "query", "customerId");

    public UrlRule {
        segments = List.copyOf(segments);
        query = Map.copyOf(query);
    }

    /** Parses {@code /product/{itemId}} style templates; the message names what is wrong. */
    public static UrlRule of(EventType type, String path, Map<String, String> query) {
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("path must start with '/', was '" + path + "'");
        }
        List<String> segments = List.of(path.substring(1).split("/", -1));
        for (int i = 0; i < segments.size(); i++) {
            String segment = segments.get(i);
            if (segment.equals("*") && i != segments.size() - 1) {
                throw new IllegalArgumentException("'*' may only end a path: '" + path + "'");
            }
            checkPlaceholder(segment, path);
        }
        query.values().forEach(v -> checkPlaceholder(v, path));
        if (type.needsItem() && !mentions(segments, query, "{itemId}")) {
            throw new IllegalArgumentException(type.wireName() + " needs an {itemId} placeholder in '" + path + "'");
        }
        if (type == EventType.SEARCH && !mentions(segments, query, "{query}")) {
            throw new IllegalArgumentException("search needs a {query} placeholder in '" + path + "'");
        }
        return new UrlRule(type, segments, query);
    }

    private static boolean mentions(List<String> segments, Map<String, String> query, String placeholder) {
        return segments.contains(placeholder) || query.containsValue(placeholder);
    }

    private static void checkPlaceholder(String text, String path) {
        if (text.startsWith("{") && text.endsWith("}") && !FIELDS.contains(text.substring(1, text.length() - 1))) {
            throw new IllegalArgumentException("unknown placeholder " + text + " in '" + path + "'; known: {itemId}, {query}, {customerId}");
        }
    }

    /** The captured fields if the path and query match, else null. */
    public Map<String, String> match(String path, Map<String, String> params) {
        String[] parts = path.substring(1).split("/", -1);
        boolean open = !segments.isEmpty() && segments.get(segments.size() - 1).equals("*");
        int fixed = open ? segments.size() - 1 : segments.size();
        if (open ? parts.length < fixed : parts.length != fixed) {
            return null;
        }
        Map<String, String> captured = new HashMap<>();
        for (int i = 0; i < fixed; i++) {
            String segment = segments.get(i);
            String part = decode(parts[i]);
            if (segment.startsWith("{")) {
                if (part.isEmpty()) {
                    return null;
                }
                captured.put(segment.substring(1, segment.length() - 1), part);
            } else if (!segment.equals(part)) {
                return null;
            }
        }
        for (Map.Entry<String, String> wanted : query.entrySet()) {
            String value = params.get(wanted.getKey());
            if (value == null) {
                return null;
            }
            if (wanted.getValue().startsWith("{")) {
                if (value.isEmpty()) {
                    return null;
                }
                captured.put(wanted.getValue().substring(1, wanted.getValue().length() - 1), value);
            } else if (!wanted.getValue().equals(value)) {
                return null;
            }
        }
        return captured;
    }

    static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text; // a stray '%': keep the raw text
        }
    }
}
