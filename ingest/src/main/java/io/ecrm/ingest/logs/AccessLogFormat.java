package io.ecrm.ingest.logs;

import java.util.ArrayList;
import java.util.List;

/**
 * A log line layout in Apache {@code LogFormat} notation, compiled into a list of fields and the
 * literal text between them. Known directives: {@code %h} host, {@code %l} and {@code %u}
 * (ignored), {@code %t} time, {@code %r} request line, {@code %s} / {@code %>s} status, {@code %b}
 * / {@code %B} size, {@code %{Referer}i}, {@code %{User-agent}i}, {@code %{Cookie}i}; any other
 * {@code %{...}i} or {@code %x} is read and ignored. A field written between quotes is read up to
 * the closing quote (backslash escapes honoured), {@code %t} between brackets, others up to the
 * next space.
 */
public final class AccessLogFormat {
    public static final String COMMON = "%h %l %u %t \"%r\" %>s %b";
    public static final String COMBINED = COMMON + " \"%{Referer}i\" \"%{User-agent}i\"";

    /** What a field holds. */
    enum Field { HOST, TIME, REQUEST, STATUS, BYTES, REFERER, USER_AGENT, COOKIE, IGNORED }

    /** How a field is delimited in the line. */
    enum Delimiter { SPACE, QUOTES, BRACKETS }

    /** One field, with the literal text expected right after it. */
    record Part(Field field, Delimiter delimiter, String after) {
    }

    private final String pattern;
    private final String prefix;
    private final List<Part> parts;

    private AccessLogFormat(String pattern, String prefix, List<Part> parts) {
        this.pattern = pattern;
        this.prefix = prefix;
        this.parts = List.copyOf(parts);
    }

    /** {@code common}, {@code combined}, or a LogFormat pattern. */
    public static AccessLogFormat named(String nameOrPattern) {
        return switch (nameOrPattern) {
            case "common" -> compile(COMMON);
            case "combined" -> compile(COMBINED);
            default -> compile(nameOrPattern);
        };
    }

    public static AccessLogFormat compile(String pattern) {
        List<Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        String prefix = null;
        Field pending = null;
        Delimiter pendingDelimiter = null;
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (c != '%') {
                literal.append(c);
                i++;
                continue;
            }
            int start = i++;
            String name = null;
            if (i < pattern.length() && pattern.charAt(i) == '>') {
                i++;
            }
            if (i < pattern.length() && pattern.charAt(i) == '{') {
                int close = pattern.indexOf('}', i);
                if (close < 0) {
                    throw new IllegalArgumentException("unclosed %{ in log format at " + start);
                }
                name = pattern.substring(i + 1, close).toLowerCase();
                i = close + 1;
            }
            if (i >= pattern.length()) {
                throw new IllegalArgumentException("log format ends inside a directive");
            }
            char directive = pattern.charAt(i++);
            Field field = switch (directive) {
                case 'h', 'a' -> Field.HOST;
                case 't' -> Field.TIME;
                case 'r' -> Field.REQUEST;
                case 's' -> Field.STATUS;
                case 'b', 'B' -> Field.BYTES;
                case 'i' -> name == null ? Field.IGNORED : switch (name) {
                    case "referer" -> Field.REFERER;
                    case "user-agent" -> Field.USER_AGENT;
                    case "cookie" -> Field.COOKIE;
                    default -> Field.IGNORED;
                };
                default -> Field.IGNORED;
            };
            // the literal before this field closes the previous field; its last char may open this one
            String text = literal.toString();
            Delimiter delimiter = Delimiter.SPACE;
            if (text.endsWith("\"")) {
                delimiter = Delimiter.QUOTES;
                text = text.substring(0, text.length() - 1);
            } else if (field == Field.TIME && !text.endsWith("[")) {
                delimiter = Delimiter.BRACKETS; // %t prints its own brackets
            } else if (text.endsWith("[")) {
                delimiter = Delimiter.BRACKETS;
                text = text.substring(0, text.length() - 1);
            }
            if (pending == null) {
                prefix = text;
            } else {
                parts.add(new Part(pending, pendingDelimiter, text));
            }
            pending = field;
            pendingDelimiter = delimiter;
            literal.setLength(0);
            // a closing quote or bracket right after the field belongs to it
            if (delimiter != Delimiter.SPACE && i < pattern.length()
                    && pattern.charAt(i) == (delimiter == Delimiter.QUOTES ? '"' : ']')) {
                i++;
            }
        }
        if (pending == null) {
            throw new IllegalArgumentException("log format '" + pattern + "' has no fields");
        }
        parts.add(new Part(pending, pendingDelimiter, literal.toString()));
        return new AccessLogFormat(pattern, prefix == null ? "" : prefix, parts);
    }

    String prefix() {
        return prefix;
    }

    List<Part> parts() {
        return parts;
    }

    @Override
    public String toString() {
        return pattern;
    }
}
