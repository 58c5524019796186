package io.ecrm.serving.http.routes;

import io.ecrm.serving.JobStatus;
import io.ecrm.serving.Tenants;
import io.ecrm.serving.http.ApiProblem;
import io.ecrm.serving.http.RequestParams;
import io.ecrm.serving.segments.ExportJob;
import io.ecrm.serving.segments.ExportJobs;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;

/**
 * {@code GET /v1/exports/{id}}: an export job: {@code status} (queued, running, done, failed),
 * {@code progress} from 0 to 1, rows written so far, and for a failed job the {@code error}
 * saying why. 404 for a job this instance does not know (jobs are kept in memory) or of
 * another tenant.
 * <p>
 * {@code GET /v1/exports/{id}/file} ({@link #file}): the finished file, as an attachment under its
 * name. 409 while the job is not done (or failed); 404 as above, or when the file was removed.
 */
public final class Exports implements Handler {
    private final Tenants tenants;
    private final ExportJobs jobs;

    public Exports(Tenants tenants, ExportJobs jobs) {
        this.tenants = tenants;
        this.jobs = jobs;
    }

    private ExportJob job(Context ctx) {
        String tenant = RequestParams.tenant(ctx, tenants).topics().tenant().value();
        String id = RequestParams.id(ctx, "id");
        return jobs.find(tenant, id).orElseThrow(() -> new ApiProblem(ApiProblem.Type.NOT_FOUND, "no export " + id));
    }

    @Override
    public void handle(Context ctx) {
        ctx.json(job(ctx));
    }

    /** Handles the download. */
    public void file(Context ctx) throws IOException {
        ExportJob job = job(ctx);
        if (job.getStatus() != JobStatus.DONE) {
            throw new ApiProblem(ApiProblem.Type.CONFLICT, "export " + job.getId() + " is " + job.getStatus().wireName()
                    + (job.getError() == null ? "" : ": " + job.getError()));
        }
        try {
            long size = Files.size(job.path());
            ctx.contentType(job.format().mediaType())
                    .header("Content-Disposition", "attachment; filename=\"" + job.getFileName() + "\"")
                    .header("Content-Length", String.valueOf(size))
                    .result(Files.newInputStream(job.path()));
        } catch (NoSuchFileException e) {
            throw new ApiProblem(ApiProblem.Type.NOT_FOUND, "the file of export " + job.getId() + " has been removed");
        }
    }
}
