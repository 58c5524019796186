package io.ecrm.serving.model;

import io.ecrm.recommender.RecommenderSettings;
import io.ecrm.recommender.evaluation.Click;
import io.ecrm.recommender.tuning.FitResult;
import io.ecrm.recommender.tuning.FitSettings;
import io.ecrm.recommender.tuning.ServingKnobs;
import io.ecrm.recommender.tuning.SettingsFit;
import io.ecrm.recommender.tuning.ValidationSplit;
import io.ecrm.serving.EngineMetrics;
import io.ecrm.serving.experiments.Experiment;
import io.ecrm.serving.experiments.ExperimentArm;
import io.ecrm.serving.experiments.ExperimentPlan;
import io.ecrm.serving.TenantEngine;
import io.ecrm.serving.kafka.KeyOwners;
import io.ecrm.streams.SessionIndexFeed;
import io.ecrm.streams.StateNotReadyException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fits each tenant's serving settings on its own closed visits ({@link SettingsFit}), in the
 * background: one fit at a time on a thread of the lowest priority, so serving never waits for it.
 * A fit starts on request ({@link #submit}), at the first start of a tenant that has a day of visits
 * and no fit yet, and once the last fit is {@code every} old. The scheduled fits of a tenant run
 * on one instance only: the one holding the key {@link #SCHEDULE_KEY} of its visitor stores (it
 * moves with the partitions when instances come and go).
 * <p>
 * A fit's settings replace the ones in use only when they beat them on validation. Every fit is
 * written to the tenant's model topic ({@link ModelTopic}); each instance serves the settings it
 * reads there. A fit that finds the model changed while it ran (another instance's fit ended
 * first) writes nothing: it was measured against settings no longer in use.
 */
public final class ModelTuning implements AutoCloseable {
    /** The visitor key whose owner runs a tenant's scheduled fits. */
    static final String SCHEDULE_KEY = "ecrm-model-schedule";
    /** How often the schedule is looked at. */
    static final long CHECK_MILLIS = 15_000;
    /** A tenant with too few visits to fit is looked at again after this long (or {@code every}, if sooner). */
    static final long RETRY_MILLIS = 3_600_000;
    static final int KEPT_JOBS = 100;
    private static final Logger LOG = LoggerFactory.getLogger(ModelTuning.class);

    /** One tenant's parts a fit needs. */
    private record Tenant(TenantEngine engine, ModelTopic model, SessionIndexFeed sessions) {
        String name() {
            return engine.topics().tenant().value();
        }
    }

    private final String bootstrapServers;
    private final FitSettings fitSettings;
    private final long everyMillis;
    private final boolean fitsToExperiment;
    private final KeyOwners owners;
    private final EngineMetrics metrics;
    private final Map<String, Tenant> tenants = new ConcurrentHashMap<>();
    private final Map<String, TuningJob> jobs = new LinkedHashMap<>();
    private final Map<String, TuningJob> active = new ConcurrentHashMap<>();
    private final Map<String, Long> notBefore = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "model-tuning");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        return thread;
    });
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "model-tuning-schedule");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * @param everyMillis      how old the last fit may get before the next; 0 fits on request only (no
     *                         scheduled fits, none at first start)
     * @param fitsToExperiment whether a fit that improves on the settings in use starts an experiment of its
     *                         settings against them ({@link #trial}) rather than being applied
     */
    public ModelTuning(String bootstrapServers, FitSettings fitSettings, long everyMillis, boolean fitsToExperiment,
                       KeyOwners owners, EngineMetrics metrics) {
        this.fitsToExperiment = fitsToExperiment;
        this.bootstrapServers = bootstrapServers;
        this.fitSettings = fitSettings;
        this.everyMillis = everyMillis;
        this.owners = owners;
        this.metrics = metrics;
    }

    /** Fits this tenant from now on; its model topic should be started, its listener serving what it reads. */
    public void add(TenantEngine engine, ModelTopic model, SessionIndexFeed sessions) {
        Tenant tenant = new Tenant(engine, model, sessions);
        tenants.put(tenant.name(), tenant);
        metrics.model(engine.topics().tenant(), () -> {
            FitRecord latest = model.latest().latest();
            return latest == null ? null : latest.inUse();
        });
    }

    /** Starts the schedule (unless fits run on request only). */
    public void start() {
        if (everyMillis > 0) {
            clock.scheduleWithFixedDelay(this::check, CHECK_MILLIS, CHECK_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    public long everyMillis() {
        return everyMillis;
    }

    /** The tenant's model as this instance last read it. */
    public TenantModel model(TenantEngine engine) {
        Tenant tenant = tenants.get(engine.topics().tenant().value());
        return tenant == null ? TenantModel.NONE : tenant.model().latest();
    }

    /**
     * Changes the tenant's model (its settings, its experiments): {@code change} is applied to the
     * model as this instance last read it, and the result written and waited for until this
     * instance serves it. Changes on one instance are taken one at a time.
     *
     * @return the model written
     */
    public synchronized TenantModel update(TenantEngine engine, java.util.function.UnaryOperator<TenantModel> change)
            throws InterruptedException, java.util.concurrent.ExecutionException, java.util.concurrent.TimeoutException {
        Tenant tenant = tenants.get(engine.topics().tenant().value());
        if (tenant == null) {
            throw new IllegalArgumentException("tenant " + engine.topics().tenant().value() + " has no model here");
        }
        TenantModel next = change.apply(tenant.model().latest());
        tenant.model().publish(next);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!next.equals(tenant.model().latest()) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return next;
    }

    /** Queues a fit of the tenant, or answers the one queued or running already. */
    public TuningJob submit(TenantEngine engine, String trigger) {
        Tenant tenant = tenants.get(engine.topics().tenant().value());
        if (tenant == null) {
            throw new IllegalArgumentException("tenant " + engine.topics().tenant().value() + " is not fitted here");
        }
        synchronized (jobs) {
            TuningJob running = active.get(tenant.name());
            if (running != null) {
                return running;
            }
            byte[] id = new byte[12];
            random.nextBytes(id);
            TuningJob job = new TuningJob(HexFormat.of().formatHex(id), tenant.name(), trigger, System.currentTimeMillis());
            jobs.put(job.getId(), job);
            active.put(tenant.name(), job);
            Iterator<TuningJob> oldest = jobs.values().iterator();
            while (jobs.size() > KEPT_JOBS && oldest.hasNext()) {
                if (oldest.next().getStatus().finished()) {
                    oldest.remove();
                }
            }
            worker.execute(() -> run(job, tenant));
            return job;
        }
    }

    /** The job of that id, if it belongs to the tenant (jobs are kept in memory, on the instance that ran them). */
    public Optional<TuningJob> find(String tenant, String id) {
        synchronized (jobs) {
            TuningJob job = jobs.get(id);
            return job != null && job.tenant().equals(tenant) ? Optional.of(job) : Optional.empty();
        }
    }

    /** One look at the schedule: which tenants are due a fit on this instance. */
    void check() {
        long now = System.currentTimeMillis();
        for (Tenant tenant : tenants.values()) {
            try {
                if (active.containsKey(tenant.name()) || !tenant.model().caughtUp()
                        || now < notBefore.getOrDefault(tenant.name(), 0L)
                        || !owners.ownerOf(tenant.engine().streams(), SCHEDULE_KEY).local()) {
                    continue;
                }
                FitRecord latest = tenant.model().latest().latest();
                if (latest == null) {
                    SessionIndexFeed.Coverage visits = tenant.sessions().coverage();
                    if (visits.visits() >= fitSettings.minVisits() && visits.spanMillis() >= fitSettings.validationWindowMillis()) {
                        submit(tenant.engine(), "first-start");
                    }
                } else if (now - latest.finishedMillis() >= everyMillis) {
                    submit(tenant.engine(), "schedule");
                }
            } catch (StateNotReadyException e) {
                // who owns the schedule is not known during a rebalance: the next look decides
            } catch (RuntimeException e) {
                LOG.warn("the fit schedule of tenant {} failed", tenant.name(), e);
            }
        }
    }

    private void run(TuningJob job, Tenant tenant) {
        long started = System.currentTimeMillis();
        try {
            job.reading(0);
            TenantModel before = tenant.model().latest();
            RecommenderSettings current = tenant.engine().settings();
            SettingsFit fit = new SettingsFit(fitSettings);
            List<Click> clicks = ClosedVisits.read(bootstrapServers, tenant.engine().topics(), job::reading);
            ValidationSplit split = fit.split(clicks);
            clicks = null; // the split holds what the fit needs
            if (!split.enough(fitSettings)) {
                fail(job, tenant, "too few closed visits to fit on: " + split.visits() + " of two or more clicks, at least "
                        + fitSettings.minVisits() + " needed");
                return;
            }
            job.scoring("training on " + split.data().train().size() + " visits", 0, 0, null);
            FitResult result = fit.fit(split, current, p -> job.scoring(p.stage(), p.evaluations(), p.planned(),
                    FitRecord.Score.of(p.best())));
            boolean applied = result.improves() && !fitsToExperiment;
            FitRecord record = FitRecord.of(job.getId(), job.getTrigger(), started, System.currentTimeMillis(),
                    split.visits(), result, applied);
            if (tenant.model().latest() != before) {
                fail(job, tenant, "another fit of this tenant ended while this one ran; the settings it chose stay in use");
                return;
            }
            TenantModel next = before.after(record, applied ? ServingKnobs.values(result.settings()) : null);
            Experiment trial = result.improves() && fitsToExperiment ? trial(before, current, result, job.getId()) : null;
            tenant.model().publish(trial == null ? next : next.with(trial));
            awaitRead(tenant.model(), record);
            String outcome = applied ? "applied " + result.changes()
                    : trial != null ? "experiment " + trial.name() + " started: " + result.changes()
                    : result.improves() ? "an experiment runs already; its settings are kept for a later one: " + result.changes()
                    : "settings in use kept";
            LOG.info("tenant {}: fit {} on {} visits in {} ms: {} (validation HR@20 {} MRR@20 {})", tenant.name(), job.getId(),
                    split.visits(), result.millis(), outcome,
                    String.format("%.4f", record.inUse().hr20()), String.format("%.4f", record.inUse().mrr20()));
            metrics.fit(tenant.engine().topics().tenant(), applied ? "applied" : "kept");
            job.done(record, System.currentTimeMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(job, tenant, "the engine stopped during the fit");
        } catch (Exception e) {
            LOG.warn("tenant {}: fit {} failed", tenant.name(), job.getId(), e);
            fail(job, tenant, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        } finally {
            active.remove(tenant.name(), job);
        }
    }

    /**
     * The experiment a fit starts instead of being applied: its settings against the current ones,
     * half the visitors each; null while another experiment runs or the tenant has used every serial.
     */
    static Experiment trial(TenantModel model, RecommenderSettings current, FitResult result, String fitId) {
        int serial = ExperimentPlan.nextSerial(model.experiments());
        if (model.runningExperiment() != null || serial < 0) {
            return null;
        }
        return new Experiment("fit-" + fitId, serial, Experiment.RUNNING, java.time.Instant.now().toString(), null, List.of(
                new ExperimentArm("current", "current", ServingKnobs.values(current), 1),
                new ExperimentArm("fit", "fit", ServingKnobs.values(result.settings()), 1)), null);
    }

    private void fail(TuningJob job, Tenant tenant, String reason) {
        notBefore.put(tenant.name(), System.currentTimeMillis() + Math.min(RETRY_MILLIS, everyMillis > 0 ? everyMillis : RETRY_MILLIS));
        metrics.fit(tenant.engine().topics().tenant(), "failed");
        job.failed(reason, System.currentTimeMillis());
    }

    /** Waits until this instance's feed has read the fit, so a job done means its settings are served here. */
    private static void awaitRead(ModelTopic model, FitRecord record) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            FitRecord latest = model.latest().latest();
            if (latest != null && latest.id().equals(record.id())) {
                return;
            }
            Thread.sleep(50);
        }
    }

    @Override
    public void close() throws InterruptedException {
        clock.shutdownNow();
        worker.shutdownNow();
        worker.awaitTermination(10, TimeUnit.SECONDS);
    }
}
