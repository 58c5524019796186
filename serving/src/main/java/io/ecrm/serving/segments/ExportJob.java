package io.ecrm.serving.segments;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.ecrm.serving.JobStatus;
import io.ecrm.streams.segments.export.ExportFormat;
import java.nio.file.Path;

/**
 * One segment export and how far it is. Changed only by the job's own thread; read by anyone.
 */
public final class ExportJob {
    private final String id;
    private final String tenant;
    private final String segment;
    private final ExportFormat format;
    private final String fileName;
    private final Path file;
    private final long createdAtMillis;
    private volatile JobStatus status = JobStatus.QUEUED;
    private volatile double progress;
    private volatile long profilesScanned;
    private volatile long rows;
    private volatile String error;
    private volatile Long finishedAtMillis;

    ExportJob(String id, String tenant, String segment, ExportFormat format, Path file, long createdAtMillis) {
        this.id = id;
        this.tenant = tenant;
        this.segment = segment;
        this.format = format;
        this.fileName = file.getFileName().toString();
        this.file = file;
        this.createdAtMillis = createdAtMillis;
    }

    public String getId() {
        return id;
    }

    public String getSegment() {
        return segment;
    }

    public String getFormat() {
        return format.wireName();
    }

    public String getFileName() {
        return fileName;
    }

    public JobStatus getStatus() {
        return status;
    }

    /** 0 to 1: profiles scanned over the profiles the segments were last computed on; 1 when done. */
    public double getProgress() {
        return progress;
    }

    public long getProfilesScanned() {
        return profilesScanned;
    }

    public long getRows() {
        return rows;
    }

    public String getError() {
        return error;
    }

    public String getCreatedAt() {
        return java.time.Instant.ofEpochMilli(createdAtMillis).toString();
    }

    public String getFinishedAt() {
        Long finished = finishedAtMillis;
        return finished == null ? null : java.time.Instant.ofEpochMilli(finished).toString();
    }

    /** The download path of the finished file. */
    public String getFile() {
        return status == JobStatus.DONE ? "/v1/exports/" + id + "/file" : null;
    }

    @JsonIgnore
    public String tenant() {
        return tenant;
    }

    @JsonIgnore
    public ExportFormat format() {
        return format;
    }

    @JsonIgnore
    public Path path() {
        return file;
    }

    void running() {
        status = JobStatus.RUNNING;
    }

    void progress(long scanned, long written, long expected) {
        profilesScanned = scanned;
        rows = written;
        progress = expected <= 0 ? 0.0 : Math.min(0.99, scanned / (double) expected);
    }

    void done(long written, long finishedAt) {
        rows = written;
        progress = 1.0;
        finishedAtMillis = finishedAt;
        status = JobStatus.DONE;
    }

    void failed(String reason, long finishedAt) {
        error = reason;
        finishedAtMillis = finishedAt;
        status = JobStatus.FAILED;
    }

    boolean finished() {
        return status.finished();
    }
}
