package io.ecrm.serving.experiments;

import io.ecrm.schemas.IdHash;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An A/B experiment of a tenant, as its model topic keeps it: two or more arms, each a full set of
 * serving settings and a share of the traffic. A visitor stays in one arm: the arm is chosen by a
 * stable hash of the visitor id salted with the experiment's name and serial, so every instance,
 * every restart and every request puts them in the same arm (an anonymous visitor who logs in is
 * hashed by their customer id from then on, and may change arms once). Immutable.
 *
 * @param name        the experiment's name (its URL)
 * @param serial      1 to 255, written into every answer's recommendationId made in it, so that
 *                    impressions and clicks name their arm ({@link io.ecrm.schemas.RecommendationIds})
 * @param status      {@link #RUNNING} or {@link #STOPPED}
 * @param startedAt   ISO-8601
 * @param stoppedAt   ISO-8601, null while running
 * @param promotedArm the arm whose settings became the tenant's, or null
 */
public record Experiment(String name, int serial, String status, String startedAt, String stoppedAt,
                         List<ExperimentArm> arms, String promotedArm) {
    public static final String RUNNING = "running";
    public static final String STOPPED = "stopped";

    public Experiment {
        arms = List.copyOf(arms);
    }

    public boolean running() {
        return RUNNING.equals(status);
    }

    /** The index of the visitor's arm. */
    public int armOf(String visitorId) {
        double total = 0;
        for (ExperimentArm arm : arms) {
            total += arm.traffic();
        }
        double point = IdHash.unit(name + '\u0000' + serial + '\u0000' + visitorId) * total;
        double cumulative = 0;
        for (int i = 0; i < arms.size(); i++) {
            cumulative += arms.get(i).traffic();
            if (point < cumulative) {
                return i;
            }
        }
        return arms.size() - 1;
    }

    /** The index of the arm of this name, or -1. */
    public int indexOf(String armName) {
        for (int i = 0; i < arms.size(); i++) {
            if (arms.get(i).name().equals(armName)) {
                return i;
            }
        }
        return -1;
    }

    public Experiment stopped(long atMillis) {
        return running() ? new Experiment(name, serial, STOPPED, startedAt, Instant.ofEpochMilli(atMillis).toString(), arms,
                promotedArm) : this;
    }

    public Experiment promoted(String armName, long atMillis) {
        Experiment stopped = stopped(atMillis);
        return new Experiment(name, serial, STOPPED, startedAt, stopped.stoppedAt(), arms, armName);
    }

    public long startedMillis() {
        return Instant.parse(startedAt).toEpochMilli();
    }

    /** This experiment among {@code others} (the tenant's, by name): replaced if one has its name, else added. */
    public List<Experiment> into(List<Experiment> others) {
        List<Experiment> next = new ArrayList<>(others.size() + 1);
        boolean replaced = false;
        for (Experiment other : others) {
            if (other.name().equals(name)) {
                next.add(this);
                replaced = true;
            } else {
                next.add(other);
            }
        }
        if (!replaced) {
            next.add(this);
        }
        return next;
    }
}
