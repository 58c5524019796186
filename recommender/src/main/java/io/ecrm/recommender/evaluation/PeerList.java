package io.ecrm.recommender.evaluation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Lists a published method produced for test sessions ({@code SessionId;Position;Recommendations;Scores}):
 * row (s, p) is what it showed after the visitor of session s clicked the item at position p.
 */
public record PeerList(String method, List<Row> rows) {
    /** One shown list. */
    public record Row(String sessionId, int position, List<String> items) {
    }

    public static PeerList read(Path file) throws IOException {
        String method = file.getFileName().toString().replaceFirst("\\.csv(\\.gz)?$", "");
        InputStream in = Files.newInputStream(file);
        if (file.toString().endsWith(".gz")) {
            in = new GZIPInputStream(in);
        }
        List<Row> rows = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            reader.readLine(); // header
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String[] f = line.split(";", -1);
                if (f.length < 3) {
                    continue;
                }
                rows.add(new Row(f[0], Integer.parseInt(f[1].strip()), Arrays.asList(f[2].split(","))));
            }
        }
        return new PeerList(method, rows);
    }
}
