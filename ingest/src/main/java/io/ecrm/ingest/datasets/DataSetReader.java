package io.ecrm.ingest.datasets;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/** Reads a data set file, plain or gzip, line by line in constant memory, through its format's parser. */
public final class DataSetReader {
    private final DataSetFormat format;

    public DataSetReader(DataSetFormat format) {
        this.format = format;
    }

    /** Calls {@code sink} with every data line of the file, in file order; returns the number of data lines. */
    public long read(Path file, Consumer<DataSetLine> sink) throws IOException {
        String source = file.getFileName().toString().replaceFirst("\\.gz$", "");
        try (BufferedReader reader = open(file)) {
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

    private static BufferedReader open(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        if (file.getFileName().toString().endsWith(".gz")) {
            in = new GZIPInputStream(in, 1 << 16);
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    }
}
