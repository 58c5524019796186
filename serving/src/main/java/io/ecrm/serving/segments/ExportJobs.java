package io.ecrm.serving.segments;

import io.ecrm.streams.StateNotReadyException;
import io.ecrm.streams.segments.SegmentSnapshot;
import io.ecrm.streams.segments.export.ExportFormat;
import io.ecrm.streams.segments.export.ExportNames;
import io.ecrm.streams.segments.export.SegmentExport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Segment exports run one after the other on a background thread, into
 * {@code <data-dir>/exports/<tenant>/}. Jobs are kept in memory (the last {@link #KEPT} of them):
 * after a restart the files remain, the jobs do not. Temporary files of exports a crash
 * interrupted are removed when the registry starts.
 */
public final class ExportJobs implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ExportJobs.class);
    static final int KEPT = 200;

    private final Path root;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "segment-exports");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, ExportJob> jobs = new LinkedHashMap<>();
    private final SecureRandom random = new SecureRandom();

    public ExportJobs(Path dataDir) {
        this.root = dataDir.resolve("exports");
        removePartials();
    }

    /** The directory a tenant's exports are written to. */
    public Path directory(String tenant) {
        return root.resolve(tenant);
    }

    /** Queues an export of the segment under a sanitised version of {@code name}. */
    public ExportJob submit(TenantSegments segments, String segment, ExportFormat format, String name) {
        String tenant = segments.tenant().topics().tenant().value();
        String fileName = ExportNames.sanitise(name, format);
        Path file = ExportNames.resolve(directory(tenant), fileName);
        byte[] id = new byte[12];
        random.nextBytes(id);
        ExportJob job = new ExportJob(HexFormat.of().formatHex(id), tenant, segment, format, file, System.currentTimeMillis());
        synchronized (jobs) {
            jobs.put(job.getId(), job);
            Iterator<ExportJob> oldest = jobs.values().iterator();
            while (jobs.size() > KEPT && oldest.hasNext()) {
                if (oldest.next().finished()) {
                    oldest.remove();
                }
            }
        }
        worker.execute(() -> run(job, segments));
        return job;
    }

    /** The job of that id, if it belongs to the tenant. */
    public Optional<ExportJob> find(String tenant, String id) {
        synchronized (jobs) {
            ExportJob job = jobs.get(id);
            return job != null && job.tenant().equals(tenant) ? Optional.of(job) : Optional.empty();
        }
    }

    private void run(ExportJob job, TenantSegments segments) {
        job.running();
        try {
            SegmentSnapshot snapshot = segments.snapshot(false);
            if (snapshot.segment(job.getSegment()).isEmpty()) {
                throw new IllegalStateException("segment " + job.getSegment() + " no longer exists");
            }
            Files.createDirectories(job.path().getParent());
            long expected = snapshot.profiles();
            long rows = SegmentExport.write(snapshot, job.getSegment(), segments.profiles(), job.format(), job.path(),
                    segments.recommend(), segments.settings().recommendedItems(),
                    (scanned, written) -> job.progress(scanned, written, expected));
            job.done(rows, System.currentTimeMillis());
        } catch (StateNotReadyException e) {
            job.failed("the tenant's state was not readable (" + e.getMessage() + "); export again", System.currentTimeMillis());
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("export {} of segment {} failed", job.getId(), job.getSegment(), e);
            job.failed("writing the file failed: " + e.getMessage(), System.currentTimeMillis());
        } catch (RuntimeException e) {
            LOG.warn("export {} of segment {} failed", job.getId(), job.getSegment(), e);
            job.failed(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), System.currentTimeMillis());
        }
    }

    private void removePartials() {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (DirectoryStream<Path> tenants = Files.newDirectoryStream(root, Files::isDirectory)) {
            for (Path dir : tenants) {
                try (DirectoryStream<Path> partials = Files.newDirectoryStream(dir, "*" + ExportNames.PARTIAL_SUFFIX)) {
                    for (Path partial : partials) {
                        LOG.info("removing {}, left by an export that did not finish", partial);
                        Files.deleteIfExists(partial);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean " + root, e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        worker.shutdownNow();
        worker.awaitTermination(10, TimeUnit.SECONDS);
    }
}
