package io.ecrm.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** Opening the input files every ingest path reads: plain or gzip (by the {@code .gz} ending), buffered. */
public final class TextFiles {
    private TextFiles() {
    }

    public static BufferedReader open(Path file, Charset charset) throws IOException {
        InputStream in = Files.newInputStream(file);
        if (file.getFileName().toString().endsWith(".gz")) {
            in = new GZIPInputStream(in, 1 << 16);
        }
        return new BufferedReader(new InputStreamReader(in, charset), 1 << 16);
    }

    /** Fails with a message naming the first file that cannot be read. */
    public static void requireReadable(List<Path> files) {
        for (Path file : files) {
            if (!Files.isReadable(file)) {
                throw new IllegalArgumentException("cannot read " + file);
            }
        }
    }
}
