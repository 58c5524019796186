package io.ecrm.streams.segments.export;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * CSV by RFC 4180: a header line, CRLF line ends, a field quoted when it holds a comma, a quote, CR
 * or LF, quotes inside doubled; an empty field for a missing value; times as ISO-8601 UTC.
 */
final class CsvRowWriter implements RowWriter {
    private final BufferedWriter out;
    private final List<ExportColumns.Column> columns;

    CsvRowWriter(Path file, List<ExportColumns.Column> columns) throws IOException {
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        this.columns = columns;
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(quoted(columns.get(i).name()));
        }
        out.write("\r\n");
    }

    @Override
    public void write(ExportRow row) throws IOException {
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            ExportColumns.Column column = columns.get(i);
            Object value = column.value().apply(row);
            if (value != null) {
                out.write(quoted(column.type() == ExportColumns.Type.TIMESTAMP
                        ? Instant.ofEpochMilli((Long) value).toString() : String.valueOf(value)));
            }
        }
        out.write("\r\n");
    }

    static String quoted(String field) {
        boolean needs = false;
        for (int i = 0; i < field.length() && !needs; i++) {
            char c = field.charAt(i);
            needs = c == ',' || c == '"' || c == '\r' || c == '\n';
        }
        return needs ? '"' + field.replace("\"", "\"\"") + '"' : field;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
