package io.ecrm.ingest.datasets;

/** Turns one line of a format into an event, or a rejection naming what is wrong. */
@FunctionalInterface
interface LineParser {
    /**
     * @param source a short stable name of the file, part of every event id so that replaying the
     *               same file twice produces the same ids (and the engine counts each event once)
     */
    DataSetLine parse(String line, long lineNumber, String source);
}
