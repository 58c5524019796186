package io.ecrm.streams.segments.export;

import static io.ecrm.streams.segments.TestProfiles.DAY;
import static io.ecrm.streams.segments.TestProfiles.NOW;
import static io.ecrm.streams.segments.TestProfiles.anonymous;
import static io.ecrm.streams.segments.TestProfiles.customer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecrm.streams.profile.CustomerProfile;
import io.ecrm.streams.segments.ProfileSource;
import io.ecrm.streams.segments.SegmentComputation;
import io.ecrm.streams.segments.SegmentDefinitions;
import io.ecrm.streams.segments.SegmentSettings;
import io.ecrm.streams.segments.SegmentSnapshot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exports in each format read back with a reader of that format, and never a half file under the final name. */
class SegmentExportTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path dir;

    /** Ten buyers (the top four are champions: quintiles 4 and 5 on all three), one with a comma and a quote in its id, and a browser. */
    private static List<CustomerProfile> profiles() {
        List<CustomerProfile> profiles = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            String id = i == 10 ? "c\"10, the \"best\"" : "c" + i;
            profiles.add(customer(id).orders(i, 100.0 * i, NOW - (11 - i) * DAY).category("shoes", i).build());
        }
        profiles.add(anonymous("browser").build());
        return profiles;
    }

    private static SegmentSnapshot snapshot(List<CustomerProfile> profiles) {
        return SegmentComputation.compute(io.ecrm.streams.segments.TestProfiles.source(profiles),
                new SegmentDefinitions.Loaded(List.of(), List.of()), SegmentSettings.DEFAULTS, NOW);
    }

    private static final SegmentExport.Recommend RECOMMEND = (profile, count) ->
            profile.customerId().equals("c9") ? List.of("boots", "laces") : List.of("socks");

    private Path export(ExportFormat format, long[] progress) throws IOException {
        List<CustomerProfile> profiles = profiles();
        Path target = dir.resolve("champions" + format.extension());
        long rows = SegmentExport.write(snapshot(profiles), "champions", io.ecrm.streams.segments.TestProfiles.source(profiles),
                format, target, RECOMMEND, 3, (scanned, written) -> {
                    progress[0] = scanned;
                    progress[1] = written;
                });
        assertEquals(4, rows);
        assertEquals(List.of(target), Files.list(dir).toList(), "no temporary file left");
        return target;
    }

    @Test
    void csvFollowsRfc4180() throws IOException {
        long[] progress = new long[2];
        Path file = export(ExportFormat.CSV, progress);
        assertEquals(11, progress[0]);
        assertEquals(4, progress[1]);
        String text = Files.readString(file, StandardCharsets.UTF_8);
        String[] lines = text.split("\r\n", -1);
        assertEquals(6, lines.length, "header, four rows, and the final CRLF");
        assertEquals("customer_id,anonymous,segment,r_score,f_score,m_score,rfm_cell,cluster,orders,revenue,currency,"
                + "last_order,last_seen,first_seen,sessions,top_category,cart_items,recommended_1,recommended_2,recommended_3",
                lines[0]);
        assertEquals("c7", csvFields(lines[1]).get(0));
        List<String> c9 = csvFields(lines[3]);
        assertEquals(List.of("c9", "false", "champions", "5", "5", "5", "champions"), c9.subList(0, 7));
        assertEquals(List.of("9", "900.0", "EUR", "2025-11-22T09:15:30Z"), c9.subList(8, 12));
        assertEquals(List.of("shoes", "0", "boots", "laces", ""), c9.subList(15, 20));
        List<String> c10 = csvFields(lines[4]);
        assertEquals("c\"10, the \"best\"", c10.get(0), "quoted and read back whole");
        assertTrue(lines[4].startsWith("\"c\"\"10, the \"\"best\"\"\","));
    }

    /** A plain RFC 4180 field splitter for one line without line breaks in fields. */
    private static List<String> csvFields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }

    @Test
    void jsonlHasOneObjectPerLine() throws IOException {
        Path file = export(ExportFormat.JSONL, new long[2]);
        List<String> lines = Files.readAllLines(file);
        assertEquals(4, lines.size());
        JsonNode first = JSON.readTree(lines.get(2));
        assertEquals("c9", first.get("customer_id").asText());
        assertEquals(5, first.get("r_score").asInt());
        assertEquals(900.0, first.get("revenue").asDouble());
        assertEquals("2025-11-22T09:15:30Z", first.get("last_order").asText());
        assertEquals("laces", first.get("recommended_2").asText());
        assertTrue(first.get("recommended_3").isNull(), "every column present, null when empty");
        assertTrue(first.get("cluster").isTextual());
        assertEquals("c\"10, the \"best\"", JSON.readTree(lines.get(3)).get("customer_id").asText());
    }

    @Test
    void parquetReadsBackInDuckDb() throws Exception {
        Path file = export(ExportFormat.PARQUET, new long[2]);
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = db.createStatement()) {
            try (ResultSet rs = sql.executeQuery("SELECT customer_id, anonymous, r_score, f_score, m_score, rfm_cell, orders, "
                    + "revenue, currency, epoch_ms(last_order), recommended_1, recommended_2, recommended_3 FROM read_parquet('"
                    + file + "') WHERE orders >= 9 ORDER BY orders")) {
                assertTrue(rs.next());
                assertEquals("c9", rs.getString(1));
                assertFalse(rs.getBoolean(2));
                assertEquals(List.of(5, 5, 5), List.of(rs.getInt(3), rs.getInt(4), rs.getInt(5)));
                assertEquals("champions", rs.getString(6));
                assertEquals(9, rs.getLong(7));
                assertEquals(900.0, rs.getDouble(8));
                assertEquals("EUR", rs.getString(9));
                assertEquals(NOW - 2 * DAY, rs.getLong(10));
                assertEquals(List.of("boots", "laces"), List.of(rs.getString(11), rs.getString(12)));
                assertEquals(null, rs.getString(13));
                assertTrue(rs.next());
                assertEquals("c\"10, the \"best\"", rs.getString(1));
                assertFalse(rs.next());
            }
            try (ResultSet rs = sql.executeQuery("SELECT column_type FROM (DESCRIBE SELECT last_seen FROM read_parquet('" + file + "'))")) {
                assertTrue(rs.next());
                assertEquals("TIMESTAMP WITH TIME ZONE", rs.getString(1));
            }
        }
    }

    @Test
    void aFailureMidwayLeavesNoFileAtAll() throws IOException {
        List<CustomerProfile> profiles = profiles();
        SegmentSnapshot snapshot = snapshot(profiles);
        ProfileSource failing = new ProfileSource() {
            @Override
            public void forEach(Consumer<CustomerProfile> action) {
                for (int i = 0; i < profiles.size(); i++) {
                    if (i == 9) {
                        throw new IllegalStateException("the store went away");
                    }
                    action.accept(profiles.get(i));
                }
            }

            @Override
            public long approximateCount() {
                return profiles.size();
            }
        };
        for (ExportFormat format : ExportFormat.values()) {
            Path target = dir.resolve("champions" + format.extension());
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> SegmentExport.write(snapshot,
                    "champions", failing, format, target, RECOMMEND, 3, (s, w) -> { }));
            assertEquals("the store went away", e.getMessage());
            assertEquals(List.of(), Files.list(dir).toList(), format + ": neither the file nor its temporary remain");
        }
    }

    /**
     * A real crash: a JVM exporting slowly is killed (SIGKILL) while writing. The temporary file
     * is there, the final name is not: a reader never finds half an export under its name.
     */
    @Test
    void aKilledExportLeavesNothingUnderTheFinalName() throws Exception {
        Path target = dir.resolve("slow.csv");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SlowExport.class.getName(), target.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("slow.log").toFile()).start();
        try {
            Path partial = ExportNames.partial(target);
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (!(Files.exists(partial) && Files.size(partial) > 0) && System.nanoTime() < deadline && process.isAlive()) {
                Thread.sleep(50);
            }
            assertTrue(Files.exists(partial) && Files.size(partial) > 0, "the export is under way: "
                    + (Files.exists(dir.resolve("slow.log")) ? Files.readString(dir.resolve("slow.log")) : ""));
        } finally {
            process.destroyForcibly().waitFor();
        }
        assertFalse(Files.exists(target), "no file under the final name");
        assertTrue(Files.exists(ExportNames.partial(target)), "only the temporary file, for the next start to remove");
    }

    /** The process {@link #aKilledExportLeavesNothingUnderTheFinalName} kills: exports an endless segment. */
    public static final class SlowExport {
        public static void main(String[] args) throws Exception {
            List<CustomerProfile> seed = profiles();
            SegmentSnapshot snapshot = snapshot(seed);
            CustomerProfile champion = seed.get(8);
            ProfileSource endless = new ProfileSource() {
                @Override
                public void forEach(Consumer<CustomerProfile> action) {
                    for (long i = 0; ; i++) {
                        action.accept(champion);
                    }
                }

                @Override
                public long approximateCount() {
                    return 0;
                }
            };
            SegmentExport.write(snapshot, "champions", endless, ExportFormat.CSV, Path.of(args[0]), RECOMMEND, 3, (s, w) -> { });
        }
    }

    @Test
    void namesCannotLeaveTheExportDirectory() {
        assertEquals("etc_passwd.csv", ExportNames.sanitise("../../etc/passwd", ExportFormat.CSV));
        assertEquals("a_b_c.jsonl", ExportNames.sanitise("a/b\\c", ExportFormat.JSONL));
        assertEquals("export.parquet", ExportNames.sanitise("..", ExportFormat.PARQUET));
        assertEquals("export.csv", ExportNames.sanitise("", ExportFormat.CSV));
        assertEquals("champions_2026.csv", ExportNames.sanitise("champions 2026.csv", ExportFormat.CSV));
        assertEquals(ExportNames.MAX_LENGTH, ExportNames.sanitise("x".repeat(500), ExportFormat.CSV).length());
        Path resolved = ExportNames.resolve(dir, ExportNames.sanitise("../../../tmp/evil", ExportFormat.CSV));
        assertEquals(dir.toAbsolutePath().normalize(), resolved.getParent());
        assertThrows(IllegalArgumentException.class, () -> ExportNames.resolve(dir, "../evil.csv"));
    }
}
