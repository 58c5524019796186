package io.ecrm.recommender.evaluation;

import java.util.List;

/** A method under evaluation: trained once on train sessions, then asked for the next items of prefixes. */
public interface SessionRecommender {
    /** The name printed in result tables, e.g. {@code ecrm}, {@code v-sknn}. */
    String name();

    /** Learns from the train sessions, given in time order of their last click. */
    void train(List<Session> sessions);

    /** The best {@code count} items to follow the prefix (oldest first), best first; prefix items are allowed. */
    List<String> recommend(List<String> prefix, int count);
}
