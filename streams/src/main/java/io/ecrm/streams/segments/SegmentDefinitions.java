package io.ecrm.streams.segments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecrm.schemas.FieldError;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One tenant's rule segments, in a JSON file of their own:
 * <pre>
 * {"segments": [{"name": "cart-abandoners", "description": "...", "rule": {...}}, ...]}
 * </pre>
 * Read again on every computation, so a hand edit counts from the next one; a definition that does
 * not validate is left out and reported with its errors. Written whole to a temporary file and
 * renamed, so a reader never sees half a file.
 */
public final class SegmentDefinitions {
    /** The file's valid definitions in file order, and the errors of the others. */
    public record Loaded(List<SegmentDefinition> definitions, List<FieldError> errors) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;

    public SegmentDefinitions(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    public synchronized Loaded load() {
        if (!Files.exists(file)) {
            return new Loaded(List.of(), List.of());
        }
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            return new Loaded(List.of(), List.of(new FieldError("", file + " is not JSON: " + e.getMessage())));
        }
        return parse(root);
    }

    /** The definitions of a whole document. */
    public static Loaded parse(JsonNode root) {
        JsonNode list = root == null ? null : root.get("segments");
        if (list == null || !list.isArray()) {
            return new Loaded(List.of(), List.of(new FieldError("/segments", "must be an array of segment definitions")));
        }
        List<SegmentDefinition> definitions = new ArrayList<>();
        List<FieldError> errors = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode entry = list.get(i);
            String name = entry.path("name").isTextual() ? entry.get("name").asText() : null;
            SegmentDefinition.Parsed parsed = SegmentDefinition.parse(name, entry, "/segments/" + i + "/name", "/segments/" + i);
            if (parsed.definition() == null) {
                errors.addAll(parsed.errors());
            } else if (!names.add(name)) {
                errors.add(new FieldError("/segments/" + i + "/name", "'" + name + "' is defined twice"));
            } else {
                definitions.add(parsed.definition());
            }
        }
        return new Loaded(definitions, errors);
    }

    /** Adds or replaces one definition; returns true when it replaced one. */
    public synchronized boolean put(SegmentDefinition definition) throws IOException {
        List<JsonNode> entries = entries();
        ObjectNode entry = JSON.createObjectNode();
        entry.put("name", definition.name());
        entry.put("description", definition.description());
        entry.set("rule", definition.ruleJson());
        boolean replaced = false;
        for (int i = 0; i < entries.size(); i++) {
            if (definition.name().equals(entries.get(i).path("name").asText())) {
                entries.set(i, entry);
                replaced = true;
            }
        }
        if (!replaced) {
            entries.add(entry);
        }
        write(entries);
        return replaced;
    }

    /** Removes one definition; returns false when there was none of that name. */
    public synchronized boolean remove(String name) throws IOException {
        List<JsonNode> entries = entries();
        boolean removed = entries.removeIf(e -> name.equals(e.path("name").asText()));
        if (removed) {
            write(entries);
        }
        return removed;
    }

    private List<JsonNode> entries() throws IOException {
        List<JsonNode> entries = new ArrayList<>();
        if (Files.exists(file)) {
            JsonNode list = JSON.readTree(file.toFile()).path("segments");
            list.forEach(entries::add);
        }
        return entries;
    }

    private void write(List<JsonNode> entries) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode list = root.putArray("segments");
        entries.forEach(list::add);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(temporary, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
