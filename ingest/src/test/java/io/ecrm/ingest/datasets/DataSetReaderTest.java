package io.ecrm.ingest.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataSetReaderTest {
    @TempDir
    Path dir;

    /** The shared data folder beside the project, found from a module's working directory. */
    static Path sharedData() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared/data");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    @Test
    void readsGzipSkippingTheHeaderAndReportingBadLinesByNumber() throws Exception {
        Path file = dir.resolve("clicks.tsv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write("SessionId\tItemId\tTime\n1\ta\t1396437466.9\n1\tb\tnever\n\n2\tc\t1396437500\n".getBytes(StandardCharsets.UTF_8));
        }
        List<DataSetLine> lines = new ArrayList<>();
        long read = new DataSetReader(DataSetFormat.SESSION_TSV).read(file, lines::add);
        assertEquals(3, read);
        assertEquals(List.of(2L, 3L, 5L), lines.stream().map(DataSetLine::lineNumber).toList());
        assertEquals("bad Time 'never'", lines.get(1).rejection());
        assertEquals("clicks.tsv:5", lines.get(2).event().eventId());
    }

    @Test
    void readsTheSharedYoochooseTrainingSplitWhole() throws Exception {
        Path data = sharedData();
        assumeTrue(data != null && Files.exists(data.resolve("yoochoose-100k/train.tsv.gz")), "../shared/data is absent");
        Set<String> sessions = new HashSet<>();
        Set<String> items = new HashSet<>();
        long[] bad = {0};
        long read = new DataSetReader(DataSetFormat.SESSION_TSV).read(data.resolve("yoochoose-100k/train.tsv.gz"), line -> {
            if (line.ok()) {
                sessions.add(line.event().sessionId());
                items.add(line.event().itemId());
            } else {
                bad[0]++;
            }
        });
        // the counts the data set's README gives
        assertEquals(70_278, read);
        assertEquals(0, bad[0]);
        assertEquals(17_794, sessions.size());
        assertEquals(2_933, items.size());
    }
}
