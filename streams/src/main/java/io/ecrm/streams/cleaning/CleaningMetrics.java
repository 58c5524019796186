package io.ecrm.streams.cleaning;

/** Where the cleaning stage counts what it lets through and what it refuses, by reason. */
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
}
