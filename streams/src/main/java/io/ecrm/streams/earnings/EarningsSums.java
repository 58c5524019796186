package io.ecrm.streams.earnings;

import java.util.HashMap;
import java.util.Map;

/**
 * The earnings of a task's events since its last commit, per placement and hour of event time, in
 * memory: added into {@link io.ecrm.streams.Stores#RECOMMENDATION_EARNINGS} just before each commit,
 * so each (placement, hour) is read and written once a commit however many events it took.
 */
public final class EarningsSums {
    private final Map<String, Earnings> sums = new HashMap<>();

    public void add(String placement, long timeMillis, Earnings earned) {
        if (placement != null && !earned.isEmpty()) {
            sums.merge(EarningsKey.of(placement, timeMillis), earned, Earnings::plus);
        }
    }

    /** Adds what an experiment arm earned (over the whole experiment: no hour). */
    public void addArm(int serial, int arm, Earnings earned) {
        if (serial != 0 && !earned.isEmpty()) {
            sums.merge(EarningsKey.ofArm(serial, arm), earned, Earnings::plus);
        }
    }

    public boolean isEmpty() {
        return sums.isEmpty();
    }

    /** Store key to the earnings summed under it. */
    public Map<String, Earnings> sums() {
        return sums;
    }

    public void clear() {
        sums.clear();
    }
}
