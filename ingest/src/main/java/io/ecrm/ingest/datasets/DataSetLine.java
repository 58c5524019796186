package io.ecrm.ingest.datasets;

import io.ecrm.schemas.ClickEvent;

/**
 * One line of a data set file: the event it holds, or why it holds none. A reader never throws on
 * a bad line; it says what was wrong with it, so a replay can count and report it.
 *
 * @param lineNumber 1-based line number in its file
 */
public record DataSetLine(long lineNumber, ClickEvent event, String rejection) {
    public static DataSetLine of(long lineNumber, ClickEvent event) {
        return new DataSetLine(lineNumber, event, null);
    }

    public static DataSetLine rejected(long lineNumber, String reason) {
        return new DataSetLine(lineNumber, null, reason);
    }

    public boolean ok() {
        return event != null;
    }
}
