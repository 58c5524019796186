package io.ecrm.serving.http.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecrm.recommender.RecommenderSettings;
import io.ecrm.recommender.tuning.ServingKnobs;
import io.ecrm.serving.TenantEngine;
import io.ecrm.serving.Tenants;
import io.ecrm.serving.experiments.Experiment;
import io.ecrm.serving.experiments.ExperimentArm;
import io.ecrm.serving.experiments.ExperimentPlan;
import io.ecrm.serving.experiments.ExperimentResults;
import io.ecrm.serving.http.ApiProblem;
import io.ecrm.serving.http.OtherInstances;
import io.ecrm.serving.http.RequestParams;
import io.ecrm.serving.model.FitRecord;
import io.ecrm.serving.model.ModelTuning;
import io.ecrm.serving.model.TenantModel;
import io.ecrm.streams.earnings.Earnings;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * A tenant's A/B experiments ({@link Experiment}); at most one runs at a time, and while it runs
 * every recommendation is ranked with the settings of the visitor's arm.
 * <ul>
 *   <li>{@code PUT /v1/experiments/{name}} ({@link #put}): starts one ({@link ExperimentPlan} reads the
 *       body); 201 with it. The same body again is 200 with the experiment as it is (an experiment is not
 *       edited: other arms for a name taken are 409); 409 too while another experiment runs.</li>
 *   <li>{@code GET /v1/experiments/{name}} ({@link #handle}): the experiment, each arm's visitors,
 *       impressions, clicks, click-through rate, cart adds, purchases, conversion and revenue per
 *       visitor with 95% intervals, and the tests ({@link ExperimentResults}); summed over every
 *       instance.</li>
 *   <li>{@code GET /v1/experiments} ({@link #list}): every experiment of the tenant, newest first.</li>
 *   <li>{@code POST /v1/experiments/{name}/stop} ({@link #stop}): answers go back to the tenant's settings;
 *       what the arms earned stays readable.</li>
 *   <li>{@code POST /v1/experiments/{name}/promote?arm=} ({@link #promote}): the arm's settings become the
 *       tenant's and the experiment stops; without {@code arm}, the click-through test's winner, and 409
 *       while no arm is significantly ahead. Promoting the arm promoted already changes nothing; another is 409.</li>
 * </ul>
 */
public final class Experiments implements io.javalin.http.Handler {
    /** One experiment as the routes answer it. */
    public record Answer(String name, String status, String startedAt, String stoppedAt, String promotedArm,
                         List<ExperimentResults.Arm> arms, Tests tests) {
    }

    /** The tests of an experiment. */
    public record Tests(ExperimentResults.Test clickThroughRate, List<ExperimentResults.Test> revenuePerVisitor) {
    }

    /** An entry of the list. */
    public record Entry(String name, String status, String startedAt, String stoppedAt, String promotedArm, List<String> arms) {
    }

    /** What another instance answers for its own partitions: each arm's sums, by index. */
    public record Partial(Map<Integer, Earnings> arms) {
    }

    private final Tenants tenants;
    private final ModelTuning models;
    private final OtherInstances others;
    private final ObjectMapper json;

    public Experiments(Tenants tenants, ModelTuning models, OtherInstances others, ObjectMapper json) {
        this.tenants = tenants;
        this.models = models;
        this.others = others;
        this.json = json;
    }

    @Override
    public void handle(Context ctx) throws InterruptedException {
        TenantEngine tenant = RequestParams.tenant(ctx, tenants);
        Experiment experiment = find(tenant, RequestParams.id(ctx, "name"));
        if (OtherInstances.isForwarded(ctx)) {
            ctx.json(new Partial(localEarnings(tenant, experiment)));
            return;
        }
        ctx.json(answer(experiment, earnings(ctx, tenant, experiment)));
    }

    /** What the experiment's arms earned among the visitors this instance holds, by arm index. */
    private static Map<Integer, Earnings> localEarnings(TenantEngine tenant, Experiment experiment) {
        Map<Integer, Earnings> earned = new HashMap<>();
        tenant.streams().forEachLocalEarnings((key, earnings) -> {
            if (key.isArm() && key.serial() == experiment.serial()) {
                earned.merge(key.arm(), earnings, Earnings::plus);
            }
        });
        return earned;
    }

    /** What the experiment's arms earned among every instance's visitors. */
    private Map<Integer, Earnings> earnings(Context ctx, TenantEngine tenant, Experiment experiment) throws InterruptedException {
        Map<Integer, Earnings> earned = localEarnings(tenant, experiment);
        // the experiment's own route, whichever route asks (a promotion too)
        String target = "/v1/experiments/" + java.net.URLEncoder.encode(experiment.name(), java.nio.charset.StandardCharsets.UTF_8)
                .replace("+", "%20");
        for (Partial other : others.ask(ctx, tenant.streams(), Partial.class, "experiment", target)) {
            other.arms().forEach((arm, earnings) -> earned.merge(arm, earnings, Earnings::plus));
        }
        return earned;
    }

    static Answer answer(Experiment experiment, Map<Integer, Earnings> earned) {
        List<ExperimentResults.Arm> arms = ExperimentResults.arms(experiment, earned);
        return new Answer(experiment.name(), experiment.status(), experiment.startedAt(), experiment.stoppedAt(),
                experiment.promotedArm(), arms,
                new Tests(ExperimentResults.clickThrough(arms), ExperimentResults.revenuePerVisitor(arms, earned)));
    }

    /** Handles the list. */
    public void list(Context ctx) {
        TenantEngine tenant = RequestParams.tenant(ctx, tenants);
        List<Experiment> all = new java.util.ArrayList<>(models.model(tenant).experiments());
        java.util.Collections.reverse(all);
        ctx.json(all.stream().map(e -> new Entry(e.name(), e.status(), e.startedAt(), e.stoppedAt(), e.promotedArm(),
                e.arms().stream().map(ExperimentArm::name).toList())).toList());
    }

    /** Handles the PUT. */
    public void put(Context ctx) throws InterruptedException {
        TenantEngine tenant = RequestParams.tenant(ctx, tenants);
        String name = RequestParams.id(ctx, "name");
        ApiProblem.check(name.length() <= ExperimentPlan.MAX_NAME_LENGTH, "path/name",
                "must be 1 to " + ExperimentPlan.MAX_NAME_LENGTH + " characters");
        JsonNode body;
        try {
            body = json.readTree(RequestParams.body(ctx));
        } catch (IOException e) {
            throw new ApiProblem(ApiProblem.Type.MALFORMED_JSON, "the body is not JSON");
        }
        TenantModel current = models.model(tenant);
        Experiment existing = current.experiment(name);
        if (existing != null) {
            ExperimentPlan.Parsed again = ExperimentPlan.parse(name, existing.serial(), existing.startedMillis(), body,
                    sources(tenant, current));
            if (again.experiment() == null || !again.experiment().arms().equals(existing.arms())) {
                throw new ApiProblem(ApiProblem.Type.CONFLICT, "experiment " + name
                        + " exists with other arms; an experiment is not edited, and its name is not reused");
            }
            ctx.status(200).json(answer(existing, Map.of()));
            return;
        }
        Experiment[] started = new Experiment[1];
        update(tenant, model -> {
            if (model.experiment(name) != null) {
                throw new ApiProblem(ApiProblem.Type.CONFLICT, "experiment " + name + " exists; experiment names are not reused");
            }
            Experiment running = model.runningExperiment();
            if (running != null) {
                throw new ApiProblem(ApiProblem.Type.CONFLICT, "experiment " + running.name()
                        + " is running; stop or promote it first (one experiment at a time)");
            }
            int serial = ExperimentPlan.nextSerial(model.experiments());
            if (serial < 0) {
                throw new ApiProblem(ApiProblem.Type.CONFLICT, "the tenant has run its 255 experiments");
            }
            ExperimentPlan.Parsed parsed = ExperimentPlan.parse(name, serial, System.currentTimeMillis(), body, sources(tenant, model));
            if (parsed.experiment() == null) {
                throw new ApiProblem(ApiProblem.Type.VALIDATION, "the experiment is not valid", parsed.errors());
            }
            started[0] = parsed.experiment();
            return model.with(parsed.experiment());
        });
        ctx.status(201).header("Location", "/v1/experiments/" + name).json(answer(started[0], Map.of()));
    }

    /** Handles the stop. */
    public void stop(Context ctx) throws InterruptedException {
        TenantEngine tenant = RequestParams.tenant(ctx, tenants);
        String name = RequestParams.id(ctx, "name");
        find(tenant, name);
        TenantModel model = update(tenant, m -> m.with(m.experiment(name).stopped(System.currentTimeMillis())));
        ctx.json(answer(model.experiment(name), Map.of()));
    }

    /** Handles the promotion. */
    public void promote(Context ctx) throws InterruptedException {
        TenantEngine tenant = RequestParams.tenant(ctx, tenants);
        String name = RequestParams.id(ctx, "name");
        Experiment experiment = find(tenant, name);
        String armName = ctx.queryParam("arm");
        if (armName == null) {
            ExperimentResults.Test test = answer(experiment, earnings(ctx, tenant, experiment)).tests().clickThroughRate();
            if (!test.significant()) {
                throw new ApiProblem(ApiProblem.Type.CONFLICT, "no arm is significantly ahead on click-through yet"
                        + (test.pValue() == null ? "" : String.format(" (p = %.3f)", test.pValue())) + "; name one with ?arm=");
            }
            armName = test.winner();
        }
        int arm = experiment.indexOf(armName);
        ApiProblem.check(arm >= 0, "query/arm", "must be an arm of the experiment");
        if (experiment.promotedArm() != null) {
            if (!experiment.promotedArm().equals(armName)) {
                throw new ApiProblem(ApiProblem.Type.CONFLICT, "arm " + experiment.promotedArm() + " was promoted already");
            }
            ctx.json(answer(experiment, Map.of()));
            return;
        }
        String chosen = armName;
        TenantModel model = update(tenant, m -> m.withSettings(m.experiment(name).arms().get(arm).settings())
                .with(m.experiment(name).promoted(chosen, System.currentTimeMillis())));
        ctx.json(answer(model.experiment(name), Map.of()));
    }

    private Experiment find(TenantEngine tenant, String name) {
        Experiment experiment = models.model(tenant).experiment(name);
        if (experiment == null) {
            throw new ApiProblem(ApiProblem.Type.NOT_FOUND, "no experiment " + name);
        }
        return experiment;
    }

    private static ExperimentPlan.Sources sources(TenantEngine tenant, TenantModel model) {
        RecommenderSettings current = tenant.settings();
        FitRecord latest = model.latest();
        RecommenderSettings fit = latest == null || latest.settings() == null ? null
                : ServingKnobs.withValues(current, latest.settings());
        return new ExperimentPlan.Sources(current, ServingKnobs.apply(current, RecommenderSettings.DEFAULTS), fit);
    }

    private TenantModel update(TenantEngine tenant, java.util.function.UnaryOperator<TenantModel> change)
            throws InterruptedException {
        try {
            return models.update(tenant, change);
        } catch (ExecutionException | TimeoutException e) {
            throw new ApiProblem(ApiProblem.Type.UNAVAILABLE, "the tenant's model topic did not take the change; send it again");
        }
    }
}
