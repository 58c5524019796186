package io.ecrm.ingest.datasets;

import io.ecrm.ingest.TextFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.Consumer;

/** Reads a data set file, plain or gzip, line by line in constant memory, through its format's parser. */
public final class DataSetReader {
    private final DataSetFormat format;

    public DataSetReader(DataSetFormat format) {
        this.format = format;
    }

    /** Calls {@code sink} with every data line of the file, in file order; returns the number of data lines. */
    public long read(Path file, Consumer<DataSetLine> sink) throws IOException {
        String source = file.getFileName().toString().replaceFirst("\\.gz$", "");
        try (BufferedReader reader = TextFiles.open(file, StandardCharsets.UTF_8)) {
            long number = 0;
            long data = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                number++;
                if ((number == 1 && format.hasHeader()) || line.isBlank()) {
                    continue;
                }
                data++;
                sink.accept(format.parse(line, number, source));
            }
            return data;
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
