package io.ecrm.serving.cli;

import java.io.PrintStream;

/**
 * A one-line progress display for long jobs on the terminal: rewritten in place at most once a
 * second with the count so far and the rate, or as a bar for jobs that know their fraction
 * done; finished with a newline.
 */
final class Progress {
    private final PrintStream out;
    private final String label;
    private final long startNanos = System.nanoTime();
    private long lastPrintNanos = startNanos;

    Progress(PrintStream out, String label) {
        this.out = out;
        this.label = label;
    }

    /** Shows the state if a second has passed since the last display. */
    void update(long lines, String detail) {
        long now = System.nanoTime();
        if (now - lastPrintNanos >= 1_000_000_000L) {
            lastPrintNanos = now;
            print(lines, detail, now);
        }
    }

    void finish(long lines, String detail) {
        print(lines, detail, System.nanoTime());
        out.println();
    }

    /** Shows a bar for a job that knows how far it is (0 to 1), at most four times a second. */
    void bar(double fraction, String detail) {
        long now = System.nanoTime();
        if (now - lastPrintNanos >= 250_000_000L || fraction >= 1.0) {
            lastPrintNanos = now;
            int width = 30;
            int filled = (int) Math.round(Math.max(0, Math.min(1, fraction)) * width);
            out.printf("\r%s [%s%s] %3.0f%% %s   ", label, "#".repeat(filled), ".".repeat(width - filled), fraction * 100, detail);
            out.flush();
        }
    }

    double seconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private void print(long lines, String detail, long now) {
        double seconds = Math.max(1e-9, (now - startNanos) / 1e9);
        out.printf("\r%s: %,d lines, %,.0f lines/s, %s   ", label, lines, lines / seconds, detail);
        out.flush();
    }
}
