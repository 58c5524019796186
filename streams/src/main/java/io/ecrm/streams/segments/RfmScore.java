package io.ecrm.streams.segments;

/** A buyer's recency, frequency and monetary quintile scores (1-5, 5 best) and their cell. */
public record RfmScore(int r, int f, int m, RfmCell cell) {
    public static RfmScore of(int r, int f, int m) {
        return new RfmScore(r, f, m, RfmCell.of(r, f, m));
    }
}
