package io.ecrm.streams.segments.export;

import java.io.Closeable;
import java.io.IOException;

/** Writes export rows to one file, one at a time, holding at most a bounded buffer in memory. */
public interface RowWriter extends Closeable {
    void write(ExportRow row) throws IOException;
}
