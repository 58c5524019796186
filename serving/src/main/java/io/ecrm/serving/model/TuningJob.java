package io.ecrm.serving.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.ecrm.serving.JobStatus;
import java.time.Instant;

/**
 * One fit of a tenant's serving settings, as {@code GET /v1/model/tuning/{id}} shows it: where it
 * is ({@code stage}, {@code progress} from 0 to 1, candidates scored of those planned, the best
 * validation figures so far) and, once done, the fit. Changed only by the job's own thread.
 */
public final class TuningJob {
    private final String id;
    private final String tenant;
    private final String trigger;
    private final long createdAtMillis;
    private volatile JobStatus status = JobStatus.QUEUED;
    private volatile String stage = "queued";
    private volatile double progress;
    private volatile int evaluations;
    private volatile int planned;
    private volatile FitRecord.Score best;
    private volatile FitRecord fit;
    private volatile String error;
    private volatile Long finishedAtMillis;

    TuningJob(String id, String tenant, String trigger, long createdAtMillis) {
        this.id = id;
        this.tenant = tenant;
        this.trigger = trigger;
        this.createdAtMillis = createdAtMillis;
    }

    public String getId() {
        return id;
    }

    public String getTrigger() {
        return trigger;
    }

    public JobStatus getStatus() {
        return status;
    }

    public String getStage() {
        return stage;
    }

    /** 0 to 1: candidates scored over those planned (reading the visits counts as the first tenth); 1 when done. */
    public double getProgress() {
        return progress;
    }

    public int getEvaluations() {
        return evaluations;
    }

    public int getPlanned() {
        return planned;
    }

    /** The best validation figures among the candidates scored so far. */
    public FitRecord.Score getBest() {
        return best;
    }

    /** The fit, once done: what it chose and whether its settings are now in use. */
    public FitRecord getFit() {
        return fit;
    }

    public String getError() {
        return error;
    }

    public String getCreatedAt() {
        return Instant.ofEpochMilli(createdAtMillis).toString();
    }

    public String getFinishedAt() {
        Long finished = finishedAtMillis;
        return finished == null ? null : Instant.ofEpochMilli(finished).toString();
    }

    @JsonIgnore
    public String tenant() {
        return tenant;
    }

    @JsonIgnore
    long createdAtMillis() {
        return createdAtMillis;
    }

    void reading(long visits) {
        status = JobStatus.RUNNING;
        stage = "reading closed visits: " + visits;
    }

    void scoring(String stage, int evaluations, int planned, FitRecord.Score best) {
        this.stage = stage;
        this.evaluations = evaluations;
        this.planned = planned;
        this.best = best;
        this.progress = planned <= 0 ? 0.1 : Math.min(0.99, 0.1 + 0.9 * evaluations / (double) planned);
    }

    void done(FitRecord fit, long finishedAt) {
        this.fit = fit;
        this.stage = fit.applied() ? "done: settings applied" : "done: the settings in use stay";
        this.progress = 1.0;
        this.finishedAtMillis = finishedAt;
        this.status = JobStatus.DONE;
    }

    void failed(String reason, long finishedAt) {
        this.error = reason;
        this.stage = "failed";
        this.finishedAtMillis = finishedAt;
        this.status = JobStatus.FAILED;
    }
}
