package io.ecrm.ingest.logs;

import io.ecrm.schemas.EventDecoder;

/**
 * Parses access log lines of one {@link AccessLogFormat} by scanning characters: no regular
 * expressions and no exceptions on the hot path. A bad line yields its {@link LogRejectReason}.
 */
public final class AccessLogParser {
    /** A parsed line, or why the line could not be parsed. */
    public record Result(AccessLogLine line, LogRejectReason rejection) {
        public boolean ok() {
            return line != null;
        }
    }

    private static final String MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";

    private final AccessLogFormat format;

    public AccessLogParser(AccessLogFormat format) {
        this.format = format;
    }

    public Result parse(String text) {
        if (!text.startsWith(format.prefix())) {
            return reject(LogRejectReason.MALFORMED_LINE);
        }
        int pos = format.prefix().length();
        String host = null;
        String time = null;
        String request = null;
        String status = null;
        String bytes = null;
        String referer = null;
        String userAgent = null;
        String cookie = null;
        var parts = format.parts();
        for (int p = 0; p < parts.size(); p++) {
            AccessLogFormat.Part part = parts.get(p);
            boolean last = p == parts.size() - 1;
            int start;
            int end;
            int next;
            switch (part.delimiter()) {
                case QUOTES -> {
                    if (pos >= text.length() || text.charAt(pos) != '"') {
                        return reject(LogRejectReason.MALFORMED_LINE);
                    }
                    start = pos + 1;
                    end = closingQuote(text, start);
                    if (end < 0) {
                        return reject(LogRejectReason.MALFORMED_LINE);
                    }
                    next = end + 1;
                }
                case BRACKETS -> {
                    if (pos >= text.length() || text.charAt(pos) != '[') {
                        return reject(LogRejectReason.MALFORMED_LINE);
                    }
                    start = pos + 1;
                    end = text.indexOf(']', start);
                    if (end < 0) {
                        return reject(LogRejectReason.MALFORMED_LINE);
                    }
                    next = end + 1;
                }
                default -> {
                    start = pos;
                    if (part.after().isEmpty()) {
                        end = last ? endOfToken(text, start) : text.length();
                    } else {
                        end = text.indexOf(part.after(), start);
                    }
                    if (end < 0 || end == start) {
                        return reject(LogRejectReason.MALFORMED_LINE);
                    }
                    next = end;
                }
            }
            if (!text.startsWith(part.after(), next)) {
                return reject(LogRejectReason.MALFORMED_LINE);
            }
            String value = text.substring(start, end);
            switch (part.field()) {
                case HOST -> host = value;
                case TIME -> time = value;
                case REQUEST -> request = value;
                case STATUS -> status = value;
                case BYTES -> bytes = value;
                case REFERER -> referer = value;
                case USER_AGENT -> userAgent = value;
                case COOKIE -> cookie = value;
                case IGNORED -> { }
            }
            pos = next + part.after().length();
        }
        long millis = time == null ? -1 : parseTime(time);
        if (millis < EventDecoder.MIN_TIMESTAMP_MILLIS || millis >= EventDecoder.MAX_TIMESTAMP_MILLIS) {
            return reject(LogRejectReason.BAD_TIMESTAMP);
        }
        if (request == null) {
            return reject(LogRejectReason.BAD_REQUEST_LINE);
        }
        int firstSpace = request.indexOf(' ');
        if (firstSpace <= 0 || !isMethod(request, firstSpace)) {
            return reject(LogRejectReason.BAD_REQUEST_LINE);
        }
        int lastSpace = request.lastIndexOf(' ');
        String target = lastSpace > firstSpace && request.startsWith("HTTP/", lastSpace + 1)
                ? request.substring(firstSpace + 1, lastSpace) : request.substring(firstSpace + 1);
        if (target.isEmpty() || !(target.charAt(0) == '/' || target.startsWith("http"))) {
            return reject(LogRejectReason.BAD_REQUEST_LINE);
        }
        int code = status == null ? 200 : parseInt(status);
        long size = bytes == null || bytes.equals("-") ? 0 : parseLong(bytes);
        if (code < 100 || code > 599 || size < 0) {
            return reject(LogRejectReason.BAD_NUMBER);
        }
        return new Result(new AccessLogLine(host, millis, request.substring(0, firstSpace), target, code, size,
                dash(referer), dash(userAgent), dash(cookie)), null);
    }

    private static Result reject(LogRejectReason reason) {
        return new Result(null, reason);
    }

    private static String dash(String value) {
        return value == null || value.equals("-") || value.isEmpty() ? null : value;
    }

    private static int closingQuote(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return i;
            }
        }
        return -1;
    }

    private static int endOfToken(String text, int from) {
        int space = text.indexOf(' ', from);
        return space < 0 ? text.length() : space;
    }

    private static boolean isMethod(String request, int end) {
        for (int i = 0; i < end; i++) {
            char c = request.charAt(i);
            if (c < 'A' || c > 'Z') {
                return false;
            }
        }
        return true;
    }

    private static int parseInt(String s) {
        long v = parseLong(s);
        return v > Integer.MAX_VALUE ? -1 : (int) v;
    }

    private static long parseLong(String s) {
        if (s.isEmpty() || s.length() > 18) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** {@code dd/MMM/yyyy:HH:mm:ss +hhmm} to epoch milliseconds; -1 when it is not that. */
    static long parseTime(String t) {
        if (t.length() != 26 || t.charAt(2) != '/' || t.charAt(6) != '/' || t.charAt(11) != ':' || t.charAt(14) != ':'
                || t.charAt(17) != ':' || t.charAt(20) != ' ') {
            return -1;
        }
        int day = digits(t, 0, 2);
        int month = MONTHS.indexOf(t.substring(3, 6));
        int year = digits(t, 7, 4);
        int hour = digits(t, 12, 2);
        int minute = digits(t, 15, 2);
        int second = digits(t, 18, 2);
        char sign = t.charAt(21);
        int offsetHours = digits(t, 22, 2);
        int offsetMinutes = digits(t, 24, 2);
        if (day < 1 || day > 31 || month < 0 || month % 3 != 0 || year < 0 || hour < 0 || hour > 23 || minute < 0
                || minute > 59 || second < 0 || second > 60 || (sign != '+' && sign != '-') || offsetHours < 0
                || offsetMinutes < 0) {
            return -1;
        }
        long days = daysFromCivil(year, month / 3 + 1, day);
        long local = ((days * 24 + hour) * 60 + minute) * 60 + second;
        long offset = (offsetHours * 60L + offsetMinutes) * 60 * (sign == '+' ? 1 : -1);
        return (local - offset) * 1000;
    }

    private static int digits(String s, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    // days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil)
    private static long daysFromCivil(int y, int m, int d) {
        y -= m <= 2 ? 1 : 0;
        long era = Math.floorDiv(y, 400);
        long yoe = y - era * 400;
        long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097 + doe - 719468;
    }
}
