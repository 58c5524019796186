package io.ecrm.recommender.tuning;

import io.ecrm.recommender.evaluation.Click;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** The real data sets of {@code ../shared/data}, when present beside the project: tests that need them skip otherwise. */
final class SharedData {
    private SharedData() {
    }

    /** The shared data folder, looked for from the working directory up; null when absent. */
    static Path folder() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("shared/data"))) {
                return p.resolve("shared/data");
            }
        }
        return null;
    }

    static boolean has(String file) {
        Path folder = folder();
        return folder != null && Files.isReadable(folder.resolve(file));
    }

    /** Clicks of a {@code SessionId ItemId Time} file (tab-separated, header line, Time in Unix seconds). */
    static List<Click> clicks(String file) throws IOException {
        List<Click> clicks = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(folder().resolve(file))), StandardCharsets.UTF_8))) {
            in.readLine();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] f = line.split("\t");
                clicks.add(new Click(f[0], f[1], Math.round(Double.parseDouble(f[2]) * 1000)));
            }
        }
        return clicks;
    }
}
