package io.ecrm.ingest.logs;

/** Why a log line gave no event. Every line ends as an event or as one of these, counted. */
public enum LogRejectReason {
    /** The line does not have the format's fields (cut short, wrong separators, unbalanced quotes). */
    MALFORMED_LINE("malformed line", true),
    /** The time field is not {@code dd/MMM/yyyy:HH:mm:ss +zzzz}, or lies outside 2000-2100. */
    BAD_TIMESTAMP("bad timestamp", true),
    /** The request field is not {@code METHOD target PROTOCOL}. */
    BAD_REQUEST_LINE("bad request line", true),
    /** The status or size field is not a number. */
    BAD_NUMBER("bad status or size", true),
    /** A rule matched, but the event it makes breaks the event schema (an id too long, ...). */
    INVALID_EVENT("invalid event", true),
    /** The request's status or method is one the rules leave out (errors, redirects, HEAD ...). */
    FILTERED("filtered by status or method", false),
    /** No rule names the URL: a stylesheet, an image, a page the shop does not track. */
    UNMATCHED_URL("no rule for the URL", false);

    private final String label;
    private final boolean malformed;

    LogRejectReason(String label, boolean malformed) {
        this.label = label;
        this.malformed = malformed;
    }

    public String label() {
        return label;
    }

    /** True for lines that are broken, written to the rejects file; false for well-formed lines that are just not events. */
    public boolean malformed() {
        return malformed;
    }
}
