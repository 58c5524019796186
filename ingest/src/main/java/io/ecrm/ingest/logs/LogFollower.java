package io.ecrm.ingest.logs;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.zip.CRC32;

/**
 * Tails a growing log file, like {@code tail -F}: hands over each complete line once, and when
 * the file is rotated (replaced by a new file, or truncated) finishes the old one and carries on
 * with the new one from its start.
 */
public final class LogFollower {
    /** Receives each line with its number within its file and the file's generation name. */
    @FunctionalInterface
    public interface LineSink {
        void accept(String line, long lineNumber, String source) throws IOException;
    }

    private final Path file;
    private final long pollMillis;

    public LogFollower(Path file, long pollMillis) {
        this.file = file;
        this.pollMillis = pollMillis;
    }

    /**
     * Follows until {@code keepGoing} says stop. The source name is the file name and a checksum
     * of its first line, so a rotated file's lines get new event ids while a re-read of the same
     * file repeats them.
     */
    public void follow(LineSink sink, BooleanSupplier keepGoing) throws IOException, InterruptedException {
        RandomAccessFile current = null;
        Object currentKey = null;
        long lineNumber = 0;
        String source = null;
        StringBuilder partial = new StringBuilder();
        byte[] buffer = new byte[1 << 16];
        boolean draining = false;
        try {
            while (keepGoing.getAsBoolean()) {
                if (current == null) {
                    current = open();
                    if (current == null) {
                        Thread.sleep(pollMillis);
                        continue;
                    }
                    BasicFileAttributes opened = attributes();
                    currentKey = opened == null ? null : key(opened);
                    lineNumber = 0;
                    source = null;
                    partial.setLength(0);
                    draining = false;
                }
                int read = current.read(buffer);
                if (read > 0) {
                    partial.append(new String(buffer, 0, read, StandardCharsets.ISO_8859_1));
                    int newline;
                    while ((newline = partial.indexOf("\n")) >= 0) {
                        String line = partial.substring(0, newline);
                        partial.delete(0, newline + 1);
                        if (line.endsWith("\r")) {
                            line = line.substring(0, line.length() - 1);
                        }
                        if (source == null) {
                            source = sourceName(file, line);
                        }
                        sink.accept(line, ++lineNumber, source);
                    }
                    continue;
                }
                // one look at the path: its identity and its size must describe the same file, or a
                // new file created between two looks would pass for the old one truncated
                BasicFileAttributes now = attributes();
                boolean replaced = now != null && !Objects.equals(key(now), currentKey);
                boolean truncated = now != null && !replaced && now.size() < current.getFilePointer();
                if (replaced && !draining) {
                    // lines may have reached the old file between the read that found its end and
                    // the rotation: read it to its end once more before leaving it
                    draining = true;
                    continue;
                }
                if (replaced || truncated) {
                    if (replaced && !partial.isEmpty()) {
                        // the old file's last line, without its newline: it will not grow any more
                        sink.accept(partial.toString(), ++lineNumber, source == null ? sourceName(file, partial.toString()) : source);
                    }
                    current.close();
                    current = null;
                    continue;
                }
                Thread.sleep(pollMillis);
            }
        } finally {
            if (current != null) {
                current.close();
            }
        }
    }

    /**
     * The name events of a log file are identified by: the file's name and a checksum of its first
     * line. Reading the same file again gives the same name (and event ids); a rotated file, whose
     * first line differs, a new one.
     */
    public static String sourceName(Path file, String firstLine) {
        CRC32 crc = new CRC32();
        crc.update(firstLine.getBytes(StandardCharsets.ISO_8859_1));
        return file.getFileName().toString().replaceFirst("\\.gz$", "") + "#" + Long.toHexString(crc.getValue());
    }

    private RandomAccessFile open() throws IOException {
        try {
            return new RandomAccessFile(file.toFile(), "r");
        } catch (java.io.FileNotFoundException e) {
            return null;
        }
    }

    private BasicFileAttributes attributes() throws IOException {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private static Object key(BasicFileAttributes attributes) {
        return attributes.fileKey() != null ? attributes.fileKey() : attributes.creationTime();
    }
}
