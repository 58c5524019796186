package io.ecrm.benchmarks.harness;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The outcome of one harness run: the command line, the machine, the settings, tables of figures
 * and the targets met or missed. Written as JSON (numbers unformatted) and as Markdown (the tables
 * kept in benchmarks/README.md).
 */
final class Report {
    /** A column: its JSON key, its heading and how a value is shown in Markdown. */
    record Column(String key, String heading, String format) {
    }

    /** A table of figures; each row holds one value per column. */
    record Table(String title, List<Column> columns, List<List<Object>> rows) {
        void add(Object... values) {
            if (values.length != columns.size()) {
                throw new IllegalArgumentException(values.length + " values for " + columns.size() + " columns");
            }
            rows.add(java.util.Arrays.asList(values.clone())); // a value may be null: shown as "-"
        }
    }

    /** A target of the issue: what was measured against it and whether it was met. */
    record Target(String name, String target, String measured, boolean met) {
    }

    private final String command;
    private final Map<String, Object> machine = Machine.describe();
    private final Map<String, Object> settings = new LinkedHashMap<>();
    private final List<Table> tables = new ArrayList<>();
    private final List<Target> targets = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final Map<String, Object> summary = new LinkedHashMap<>();

    /** A report of the command as it was typed: {@code spec} is the picocli spec of a {@code bench} subcommand. */
    Report(CommandSpec spec) {
        this.command = "java -jar benchmarks/target/benchmarks.jar bench "
                + String.join(" ", spec.commandLine().getParseResult().originalArgs());
    }

    void setting(String name, Object value) {
        settings.put(name, value);
    }

    Table table(String title, Column... columns) {
        Table table = new Table(title, List.of(columns), new ArrayList<>());
        tables.add(table);
        return table;
    }

    void target(String name, String target, String measured, boolean met) {
        targets.add(new Target(name, target, measured, met));
    }

    /**
     * A headline figure, kept under the same key from run to run so that runs compare: JSON
     * {@code summary}, a number (null when the run could not measure it).
     */
    void summary(String key, Double value) {
        summary.put(key, value == null || value.isNaN() || value.isInfinite() ? null : value);
    }

    void note(String text) {
        notes.add(text);
    }

    boolean allTargetsMet() {
        return targets.stream().allMatch(Target::met);
    }

    String markdown() {
        machine.put("loadAverageAtEnd", Machine.loadAverage());
        StringBuilder md = new StringBuilder();
        md.append("`").append(command).append("`\n\n");
        md.append("Machine: ").append(Machine.summary(machine)).append("; load average (1/5/15 min) ")
                .append(machine.get("loadAverageAtStart")).append(" at start, ").append(machine.get("loadAverageAtEnd"))
                .append(" at end.\n");
        for (Table table : tables) {
            md.append("\n").append(table.title()).append("\n\n|");
            table.columns().forEach(c -> md.append(' ').append(c.heading()).append(" |"));
            md.append("\n|");
            table.columns().forEach(c -> md.append("---|"));
            for (List<Object> row : table.rows()) {
                md.append("\n|");
                for (int i = 0; i < row.size(); i++) {
                    md.append(' ').append(show(row.get(i), table.columns().get(i).format())).append(" |");
                }
            }
            md.append('\n');
        }
        if (!targets.isEmpty()) {
            md.append("\n| target | goal | measured | met |\n|---|---|---|---|");
            for (Target t : targets) {
                md.append("\n| ").append(t.name()).append(" | ").append(t.target()).append(" | ").append(t.measured())
                        .append(" | ").append(t.met() ? "yes" : "**no**").append(" |");
            }
            md.append('\n');
        }
        notes.forEach(n -> md.append("\n").append(n).append('\n'));
        if (!summary.isEmpty()) {
            md.append("\nSummary (JSON `summary`):");
            summary.forEach((key, value) -> md.append(" `").append(key).append("` ")
                    .append(value == null ? "-" : String.format(Math.abs(((Number) value).doubleValue()) < 10 ? "%.3f" : "%,.0f", value)));
            md.append('\n');
        }
        return md.toString();
    }

    private static String show(Object value, String format) {
        if (value == null) {
            return "-";
        }
        if (value instanceof Number && format != null) {
            return String.format(format, value);
        }
        return value.toString();
    }

    Map<String, Object> json() {
        machine.putIfAbsent("loadAverageAtEnd", Machine.loadAverage());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("command", command);
        json.put("machine", machine);
        json.put("settings", settings);
        json.put("summary", summary);
        Map<String, Object> results = new LinkedHashMap<>();
        for (Table table : tables) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (List<Object> row : table.rows()) {
                Map<String, Object> values = new LinkedHashMap<>();
                for (int i = 0; i < row.size(); i++) {
                    values.put(table.columns().get(i).key(), row.get(i));
                }
                rows.add(values);
            }
            results.put(table.title(), rows);
        }
        json.put("results", results);
        json.put("targets", targets);
        json.put("notes", notes);
        return json;
    }

    /** Prints the Markdown and writes the files asked for (either may be null). */
    void publish(Path jsonFile, Path markdownFile) throws IOException {
        String md = markdown();
        System.out.println();
        System.out.println(md);
        if (markdownFile != null) {
            Files.writeString(markdownFile, md);
        }
        if (jsonFile != null) {
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(jsonFile.toFile(), json());
        }
    }
}
