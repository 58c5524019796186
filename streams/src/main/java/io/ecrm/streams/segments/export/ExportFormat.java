package io.ecrm.streams.segments.export;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The file formats of segment exports, by the names used on the command line and in the API. */
public enum ExportFormat {
    CSV("csv"), JSONL("jsonl"), PARQUET("parquet");

    private final String wireName;

    ExportFormat(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The file extension, with its dot. */
    public String extension() {
        return "." + wireName;
    }

    public String mediaType() {
        return switch (this) {
            case CSV -> "text/csv; charset=utf-8";
            case JSONL -> "application/x-ndjson";
            case PARQUET -> "application/vnd.apache.parquet";
        };
    }

    public static Optional<ExportFormat> named(String name) {
        return name == null ? Optional.empty()
                : Arrays.stream(values()).filter(f -> f.wireName.equals(name.toLowerCase(Locale.ROOT))).findFirst();
    }

    public static String names() {
        return String.join(", ", Arrays.stream(values()).map(ExportFormat::wireName).toList());
    }

    /** A writer of this format to {@code file}, with these columns. */
    public RowWriter open(Path file, List<ExportColumns.Column> columns) throws IOException {
        return switch (this) {
            case CSV -> new CsvRowWriter(file, columns);
            case JSONL -> new JsonlRowWriter(file, columns);
            case PARQUET -> new ParquetRowWriter(file, columns);
        };
    }
}
