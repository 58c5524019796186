package io.ecrm.recommender;

/**
 * Knobs of the session-kNN source ({@link SessionNeighbours}) and of the index it reads, with
 * defaults in {@link #DEFAULTS}. 100 neighbours is V-SKNN's published choice (Ludewig and Jannach
 * 2018); its 1,000 most recent candidate sessions are 250 here, which bounds a query's work (a
 * popular item's sessions fill the sample on every query) at no measured cost: with the other
 * defaults, yoochoose-100k 0.7057 / 0.3851 (HR@20 / MRR@20) at 1,000 and 0.7052 / 0.3845 at 250,
 * Nowplaying 0.2211 / 0.0716 at both (a fit tries 250, 500 and 1,000). The four decays are the default
 * values of V-STAN's published implementation (session-rec; Ludewig et al. 2021, after STAN, Garg
 * et al. 2019), not values fitted to one data set. {@code latestItems} and {@code maxVotes} bound
 * the work of a query; on validation splits of yoochoose-100k they leave HR@20 and MRR@20 unchanged.
 *
 * @param sampleSize           most recent past sessions sharing an item with the current one that are compared with it
 * @param latestItems          candidates are looked up through this many of the session's latest distinct items (an
 *                             older item weighs less than exp(-latestItems / positionDecay): it still counts in the
 *                             similarity, but a session sharing only such items would not)
 * @param neighbours           most similar of them that vote
 * @param maxVotes             the source offers at most this many items, the most voted
 * @param positionDecay        lambda_spw: a current-session click k clicks before the last weighs exp(-k / positionDecay);
 *                             0 for V-SKNN's linear weights (the p-th of n clicks weighs p / n)
 * @param neighbourItemDecay   lambda_inh: a neighbour's item d clicks away from its last shared item votes with
 *                             exp(-d / neighbourItemDecay); 0 turns this off (every item votes alike)
 * @param matchDecay           lambda_ipw: a neighbour whose most recent shared item is k clicks before the current
 *                             session's last votes with exp(-k / matchDecay); 0 turns this off
 * @param sessionAgeMillis     lambda_snh: a neighbour that clicked a shared item t before the newest click in the index
 *                             votes with exp(-t / sessionAgeMillis); 0 turns this off
 * @param maxSessions          past sessions the index keeps
 * @param maxSessionsPerItem   most recent sessions the index keeps per item (at least {@code sampleSize} for exact sampling)
 * @param maxClicksPerSession  latest clicks the index keeps per session
 * @param maxSessionAgeMillis  the index drops a session once its last click is this much older than the newest click
 *                             it holds (a week: what the sessions topic keeps, so a running index holds what a restart
 *                             rebuilds; such a session's vote is below exp(-maxSessionAgeMillis / sessionAgeMillis));
 *                             0 keeps sessions until {@code maxSessions} pushes them out
 */
public record SessionKnnSettings(
        int sampleSize,
        int latestItems,
        int neighbours,
        int maxVotes,
        double positionDecay,
        double neighbourItemDecay,
        double matchDecay,
        long sessionAgeMillis,
        int maxSessions,
        int maxSessionsPerItem,
        int maxClicksPerSession,
        long maxSessionAgeMillis) {

    public static final SessionKnnSettings DEFAULTS = new SessionKnnSettings(
            250, 5, 100, 100, 1.02, 2.05, 1.02, 5 * 86_400_000L, 1_000_000, 1_000, 100, 7 * 86_400_000L);

    public SessionKnnSettings {
        if (sampleSize < 1 || latestItems < 1 || neighbours < 1 || maxVotes < 1 || maxSessions < 1
                || maxSessionsPerItem < 1 || maxClicksPerSession < 1) {
            throw new IllegalArgumentException("session-kNN sizes must be positive");
        }
        if (!(positionDecay >= 0 && neighbourItemDecay >= 0 && matchDecay >= 0) || Double.isInfinite(positionDecay)
                || Double.isInfinite(neighbourItemDecay) || Double.isInfinite(matchDecay) || sessionAgeMillis < 0
                || maxSessionAgeMillis < 0) {
            throw new IllegalArgumentException("session-kNN decays must be finite and >= 0");
        }
    }

    /** The sizes of a query: how many sessions are compared, through how many items, how many vote, how many votes. */
    public SessionKnnSettings withQuery(int sample, int latest, int neighbourCount, int votes) {
        return new SessionKnnSettings(sample, latest, neighbourCount, votes, positionDecay, neighbourItemDecay,
                matchDecay, sessionAgeMillis, maxSessions, maxSessionsPerItem, maxClicksPerSession, maxSessionAgeMillis);
    }

    /** The four decays of a query. */
    public SessionKnnSettings withDecays(double position, double neighbourItem, double match, long sessionAge) {
        return new SessionKnnSettings(sampleSize, latestItems, neighbours, maxVotes, position, neighbourItem,
                match, sessionAge, maxSessions, maxSessionsPerItem, maxClicksPerSession, maxSessionAgeMillis);
    }
}
