package io.ecrm.ingest.logs;

/**
 * One request of a web server access log, as parsed. Fields the format does not have are null
 * (bytes -1).
 */
public record AccessLogLine(
        String host,
        long timestampMillis,
        String method,
        String target,
        int status,
        long bytes,
        String referer,
        String userAgent,
        String cookie) {

    /** The request path, without the query string. */
    public String path() {
        int q = target.indexOf('?');
        return q < 0 ? target : target.substring(0, q);
    }

    /** The raw query string, or empty. */
    public String query() {
        int q = target.indexOf('?');
        return q < 0 ? "" : target.substring(q + 1);
    }
}
