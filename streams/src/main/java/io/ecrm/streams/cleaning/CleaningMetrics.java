package io.ecrm.streams.cleaning;

import io.ecrm.streams.earnings.Earnings;

/**
 * Where the visitor side counts what its cleaning stage lets through and refuses, by reason, and
 * what recommendations earned, by placement, as it adds that to the store.
 */
public interface CleaningMetrics {
    CleaningMetrics NONE = new CleaningMetrics() {
        @Override
        public void accepted() {
        }

        @Override
        public void rejected(RejectReason reason) {
        }
    };

    void accepted();

    void rejected(RejectReason reason);

    /** Counts what recommendations shown at {@code placement} earned; counts nothing unless overridden. */
    default void earned(String placement, Earnings earned) {
    }
}
