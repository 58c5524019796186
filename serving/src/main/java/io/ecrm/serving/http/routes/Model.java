package io.ecrm.serving.http.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecrm.recommender.RecommenderSettings;
import io.ecrm.recommender.tuning.FitResult;
import io.ecrm.recommender.tuning.ServingKnobs;
import io.ecrm.schemas.FieldError;
import io.ecrm.serving.TenantEngine;
import io.ecrm.serving.Tenants;
import io.ecrm.serving.experiments.SettingsOverrides;
import io.ecrm.serving.http.ApiProblem;
import io.ecrm.serving.http.RequestParams;
import io.ecrm.serving.model.FitRecord;
import io.ecrm.serving.model.ModelTuning;
import io.ecrm.serving.model.TenantModel;
import io.ecrm.serving.model.TuningJob;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * {@code GET /v1/model}: the tenant's ranking settings in use and how they were chosen:
 * {@code settings} (every serving knob's value), {@code fitted} (whether a fit on the tenant's own
 * visits chose them, else they are the configured ones) with {@code fittedAt} and {@code fittedOn}
 * (closed visits read) of the fit that chose them; {@code validation}: HR@20 / MRR@20 on the latest
 * fit's validation visits of the settings in use, of the defaults and of each baseline; {@code tuneEvery}
 * (null: fits on request only); and the last fits, newest first.
 * <p>
 * {@code POST /v1/model/tuning} ({@link #tune}): starts a fit (202, the job, its URL in {@code Location});
 * while one of the tenant's fits is queued or running, that one is answered.
 * {@code PUT /v1/model/settings} ({@link #put}): sets serving settings by hand, an object of setting
 * names (as {@code settings} lists them) to numbers; the others keep their values. Answers as
 * {@code GET /v1/model}; a later applied fit chooses the fitted knobs again.
 * {@code GET /v1/model/tuning/{id}} ({@link #job}): a fit job: {@code status}, {@code stage},
 * {@code progress} 0 to 1, candidates scored, the best figures so far and, when done, the fit;
 * 404 for a job this instance does not know (jobs are kept in memory where they ran) or of another tenant.
 */
public final class Model implements Handler {
    /** Validation figures of the latest fit: when, on how many visits, and each candidate's HR@20 / MRR@20. */
    public record Validation(String at, int visits, long prefixes, FitRecord.Score inUse, Map<String, FitRecord.Score> candidates) {
    }

    /** The answer of {@code GET /v1/model}. */
    public record Answer(String tenant, Map<String, Double> settings, boolean fitted, String fittedAt, Integer fittedOn,
                         Validation validation, String tuneEvery, List<FitRecord> fits) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Tenants tenants;
    private final ModelTuning tuning;

    public Model(Tenants tenants, ModelTuning tuning) {
        this.tenants = tenants;
        this.tuning = tuning;
    }

    @Override
    public void handle(Context ctx) {
        TenantEngine tenant = RequestParams.tenant(ctx, tenants);
        TenantModel model = tuning.model(tenant);
        FitRecord latest = model.latest();
        Validation validation = null;
        if (latest != null) {
            Map<String, FitRecord.Score> others = new LinkedHashMap<>(latest.candidates());
            others.remove(FitResult.CURRENT);
            validation = new Validation(latest.finishedAt(), latest.validationVisits(), latest.prefixes(), latest.inUse(), others);
        }
        FitRecord fitted = model.fitted();
        ctx.json(new Answer(tenant.topics().tenant().value(), ServingKnobs.values(tenant.settings()), fitted != null,
                fitted == null ? null : fitted.finishedAt(), fitted == null ? null : fitted.visits(), validation,
                tuning.everyMillis() > 0 ? Duration.ofMillis(tuning.everyMillis()).toString() : null, model.fits()));
    }

    /** Handles {@code PUT /v1/model/settings}. */
    public void put(Context ctx) throws InterruptedException {
        TenantEngine tenant = RequestParams.tenant(ctx, tenants);
        JsonNode body;
        try {
            body = JSON.readTree(RequestParams.body(ctx));
        } catch (IOException e) {
            throw new ApiProblem(ApiProblem.Type.MALFORMED_JSON, "the body is not JSON");
        }
        List<FieldError> errors = new ArrayList<>();
        RecommenderSettings next = SettingsOverrides.apply(tenant.settings(), body, "", errors);
        if (next == null) {
            throw new ApiProblem(ApiProblem.Type.VALIDATION, "the settings are not valid", errors);
        }
        try {
            tuning.update(tenant, model -> model.withSettings(ServingKnobs.values(next)));
        } catch (ExecutionException | TimeoutException e) {
            throw new ApiProblem(ApiProblem.Type.UNAVAILABLE, "the tenant's model topic did not take the change; send it again");
        }
        handle(ctx);
    }

    /** Handles {@code POST /v1/model/tuning}. */
    public void tune(Context ctx) {
        TuningJob job = tuning.submit(RequestParams.tenant(ctx, tenants), "request");
        ctx.status(202).header("Location", "/v1/model/tuning/" + job.getId()).json(job);
    }

    /** Handles {@code GET /v1/model/tuning/{id}}. */
    public void job(Context ctx) {
        String tenant = RequestParams.tenant(ctx, tenants).topics().tenant().value();
        String id = RequestParams.id(ctx, "id");
        ctx.json(tuning.find(tenant, id).orElseThrow(() -> new ApiProblem(ApiProblem.Type.NOT_FOUND, "no fit " + id)));
    }
}
