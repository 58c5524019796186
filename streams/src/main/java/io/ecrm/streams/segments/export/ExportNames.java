package io.ecrm.streams.segments.export;

import java.nio.file.Path;

/**
 * Export file names that cannot leave their directory: every character outside
 * {@code [A-Za-z0-9._-]} becomes {@code _} (so no separator survives), leading dots, dashes and
 * underscores go (no hidden files, no {@code ..}), at most {@link #MAX_LENGTH} characters, and
 * the format's extension is added when missing. A name with nothing left becomes {@code export}.
 */
public final class ExportNames {
    public static final int MAX_LENGTH = 120;

    private ExportNames() {
    }

    public static String sanitise(String name, ExportFormat format) {
        StringBuilder safe = new StringBuilder();
        for (char c : (name == null ? "" : name).toCharArray()) {
            boolean allowed = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-' || c == '_';
            safe.append(allowed ? c : '_');
        }
        int start = 0;
        while (start < safe.length() && (safe.charAt(start) == '.' || safe.charAt(start) == '_' || safe.charAt(start) == '-')) {
            start++;
        }
        String result = safe.substring(start);
        if (result.isEmpty()) {
            result = "export";
        }
        String extension = format.extension();
        if (!result.toLowerCase(java.util.Locale.ROOT).endsWith(extension)) {
            result = result.substring(0, Math.min(result.length(), MAX_LENGTH - extension.length())) + extension;
        } else if (result.length() > MAX_LENGTH) {
            result = result.substring(0, MAX_LENGTH - extension.length()) + extension;
        }
        return result;
    }

    /** The file of a sanitised name in {@code directory}; refuses, as a last guard, any path outside it. */
    public static Path resolve(Path directory, String sanitisedName) {
        Path dir = directory.toAbsolutePath().normalize();
        Path file = dir.resolve(sanitisedName).normalize();
        if (!file.getParent().equals(dir)) {
            throw new IllegalArgumentException("export name " + sanitisedName + " leaves the export directory");
        }
        return file;
    }

    /** The temporary name an export is written under until it is complete. */
    public static Path partial(Path file) {
        return file.resolveSibling("." + file.getFileName() + PARTIAL_SUFFIX);
    }

    public static final String PARTIAL_SUFFIX = ".partial";
}
