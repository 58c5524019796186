package io.ecrm.ingest.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogFollowerTest {
    @TempDir
    Path dir;

    private static void append(Path file, String text) throws Exception {
        Files.writeString(file, text, StandardCharsets.ISO_8859_1, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static void awaitSize(List<String> seen, int size) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (seen.size() < size && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    @Test
    void followsAGrowingFileAcrossRotationSeeingEachLineOnce() throws Exception {
        Path log = dir.resolve("access.log");
        append(log, "a1\na2\n");
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        List<String> sources = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean running = new AtomicBoolean(true);
        Thread follower = new Thread(() -> {
            try {
                new LogFollower(log, 10).follow((line, number, source) -> {
                    seen.add(line + "@" + number);
                    sources.add(source);
                }, running::get);
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        follower.start();
        awaitSize(seen, 2);
        append(log, "a3\npart");             // an unfinished line waits for its newline
        awaitSize(seen, 3);
        append(log, "ial\n");
        awaitSize(seen, 4);
        Files.move(log, dir.resolve("access.log.1")); // rotation: the old file moves away ...
        append(dir.resolve("access.log.1"), "a5\n");  // ... and gets a last line written before the switch
        append(log, "b1\nb2\n");                       // ... and a new file starts
        awaitSize(seen, 7);
        running.set(false);
        follower.join(10_000);
        assertEquals(List.of("a1@1", "a2@2", "a3@3", "partial@4", "a5@5", "b1@1", "b2@2"), seen);
        assertNotEquals(sources.get(0), sources.get(6), "a rotated file's lines get new event ids");
    }
}
