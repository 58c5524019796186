package io.ecrm.streams.segments.export;

import io.ecrm.streams.profile.CustomerProfile;
import io.ecrm.streams.segments.ProfileSource;
import io.ecrm.streams.segments.SegmentSnapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Writes the members of one segment to a file, streaming: profiles are read one at a time and
 * each member's row is written at once, so memory does not grow with the segment. The file is
 * written under a hidden temporary name ({@link ExportNames#partial}) and renamed to its own name
 * only once complete and closed: a reader never sees half a file, and a crash leaves only the
 * temporary file (removed at the next start of the job registry) or nothing.
 */
public final class SegmentExport {
    /** Items to recommend to one visitor, best first. */
    @FunctionalInterface
    public interface Recommend {
        List<String> items(CustomerProfile profile, int count);
    }

    /** Told how far the export is, every {@link #PROGRESS_EVERY} profiles and at the end. */
    @FunctionalInterface
    public interface Progress {
        void update(long profilesScanned, long rowsWritten);
    }

    /** Profiles between two progress reports. */
    public static final int PROGRESS_EVERY = 1000;

    private SegmentExport() {
    }

    /** Writes the segment's members to {@code target}; returns the number of rows. */
    public static long write(SegmentSnapshot snapshot, String segment, ProfileSource source, ExportFormat format,
                             Path target, Recommend recommend, int recommendedItems, Progress progress) throws IOException {
        Path partial = ExportNames.partial(target);
        long[] counts = new long[2];
        try {
            try (RowWriter writer = format.open(partial, ExportColumns.of(recommendedItems))) {
                source.forEach(profile -> {
                    SegmentSnapshot.Membership m = snapshot.membership(profile);
                    if (m.in(segment)) {
                        List<String> items = recommendedItems == 0 ? List.of() : recommend.items(profile, recommendedItems);
                        try {
                            writer.write(ExportRow.of(segment, m, items));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                        counts[1]++;
                    }
                    if (++counts[0] % PROGRESS_EVERY == 0) {
                        progress.update(counts[0], counts[1]);
                    }
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            try {
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException | Error e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        progress.update(counts[0], counts[1]);
        return counts[1];
    }
}
