package io.ecrm.streams.segments.export;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** JSON Lines: one object per row and line, every column present (null when missing), times as ISO-8601 UTC. */
final class JsonlRowWriter implements RowWriter {
    private final JsonGenerator out;
    private final List<ExportColumns.Column> columns;

    JsonlRowWriter(Path file, List<ExportColumns.Column> columns) throws IOException {
        this.out = new JsonFactory().createGenerator(file.toFile(), JsonEncoding.UTF8);
        this.out.setRootValueSeparator(null);
        this.columns = columns;
    }

    @Override
    public void write(ExportRow row) throws IOException {
        out.writeStartObject();
        for (ExportColumns.Column column : columns) {
            Object value = column.value().apply(row);
            out.writeFieldName(column.name());
            if (value == null) {
                out.writeNull();
                continue;
            }
            switch (column.type()) {
                case STRING -> out.writeString((String) value);
                case BOOLEAN -> out.writeBoolean((Boolean) value);
                case INT -> out.writeNumber((Integer) value);
                case LONG -> out.writeNumber((Long) value);
                case DOUBLE -> out.writeNumber((Double) value);
                case TIMESTAMP -> out.writeString(Instant.ofEpochMilli((Long) value).toString());
            }
        }
        out.writeEndObject();
        out.writeRaw('\n');
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
