package io.ecrm.recommender;

import java.util.List;

/**
 * Session-kNN candidate source: past sessions most like the current one vote for their items
 * (V-SKNN, Ludewig and Jannach 2018, with the weights of STAN, Garg et al. 2019):
 * <ul>
 *   <li>the current session [s1..sn] is a vector: item s_p weighs exp(-(n - p) / positionDecay),
 *       its last click counting when it repeats;</li>
 *   <li>candidates are the {@code sampleSize} past sessions that most recently clicked any of its
 *       items, read newest first from the index's per-item lists (so cost does not grow with
 *       history);</li>
 *   <li>similarity is the weighted overlap: the sum of the weights of the shared items, times
 *       exp(-age / sessionAgeMillis) where age is how long before the index's newest click the
 *       neighbour clicked a shared item; the {@code neighbours} most similar vote (ties: the more
 *       recent);</li>
 *   <li>a neighbour votes for each of its items with similarity * exp(-d / neighbourItemDecay),
 *       d the item's distance in clicks from the neighbour's last shared item (its nearest click
 *       counting), times exp(-k / matchDecay) when the latest shared item is k clicks before the
 *       current session's last.</li>
 * </ul>
 * Items of the current session get votes too: visitors come back to what they just viewed.
 * Candidates come newest first and their age factor only falls, so the scan stops as soon as no
 * older session could still enter the nearest: with one item, after {@code neighbours} sessions.
 */
public final class SessionNeighbours {
    /** Receives one item's votes. */
    @FunctionalInterface
    public interface Votes {
        /**
         * @param itemId     the voted item
         * @param score      the sum of its votes
         * @param because    the current-session item shared with the neighbour that voted most for it
         * @param similarity that neighbour's similarity with the current session
         */
        void vote(String itemId, double score, String because, double similarity);
    }

    private final SessionKnnSettings settings;
    // exp(-d / decay) for whole distances d, so the loops do not call Math.exp
    private final double[] positionWeight;
    private final double[] itemWeight;
    private final double[] matchWeight;

    public SessionNeighbours(SessionKnnSettings settings) {
        this.settings = settings;
        int distances = settings.maxClicksPerSession() + 1;
        this.positionWeight = decays(distances, settings.positionDecay());
        this.itemWeight = decays(distances, settings.neighbourItemDecay());
        this.matchWeight = settings.matchDecay() > 0 ? decays(distances, settings.matchDecay()) : null;
    }

    private static double[] decays(int n, double decay) {
        double[] table = new double[n];
        for (int d = 0; d < n; d++) {
            table[d] = Math.exp(-d / decay);
        }
        return table;
    }

    private static double decay(double[] table, int distance, double decay) {
        return distance < table.length ? table[distance] : Math.exp(-distance / decay);
    }

    /**
     * Votes for the session {@code sessionItems} (oldest first); nothing when no past session
     * shares an item. {@code currentSessionId} is left out of the candidates (a streaming index
     * already holds the current session); null when it is not indexed.
     */
    public void vote(List<String> sessionItems, String currentSessionId, SessionIndex index, Votes votes) {
        int n = sessionItems.size();
        if (n == 0) {
            return;
        }
        // the current session: item key -> slot q, with its weight and last position (0-based)
        IntSlots query = new IntSlots(n);
        double[] weight = new double[n];
        int[] lastPosition = new int[n];
        for (int p = 0; p < n; p++) {
            int key = index.itemKey(sessionItems.get(p));
            if (key >= 0) {
                int q = query.add(key);
                weight[q] = decay(positionWeight, n - 1 - p, settings.positionDecay());
                lastPosition[q] = p;
            }
        }
        if (query.size() == 0) {
            return;
        }
        int excluded = currentSessionId == null ? -1 : index.sessionKey(currentSessionId);
        Nearest nearest = nearest(query, weight, lastPosition, index, excluded);
        tally(nearest, query, lastPosition, n, index, votes);
    }

    /** The k most similar of the candidate sessions, kept in a min-heap (weakest at the root). */
    private static final class Nearest {
        final int[] session;
        final double[] similarity;
        final int[] rank; // order of arrival: a smaller rank is a more recent candidate
        int size;

        Nearest(int k) {
            session = new int[k];
            similarity = new double[k];
            rank = new int[k];
        }

        boolean full() {
            return size == session.length;
        }

        double weakest() {
            return similarity[0];
        }

        void offer(int s, double sim, int r) {
            if (!full()) {
                session[size] = s;
                similarity[size] = sim;
                rank[size] = r;
                up(size++);
            } else if (sim > similarity[0]) { // equal: the one already in is more recent
                session[0] = s;
                similarity[0] = sim;
                rank[0] = r;
                down(0);
            }
        }

        private boolean weaker(int a, int b) {
            return similarity[a] < similarity[b] || (similarity[a] == similarity[b] && rank[a] > rank[b]);
        }

        private void up(int i) {
            while (i > 0 && weaker(i, (i - 1) / 2)) {
                swap(i, (i - 1) / 2);
                i = (i - 1) / 2;
            }
        }

        private void down(int i) {
            while (true) {
                int l = 2 * i + 1;
                int min = i;
                if (l < size && weaker(l, min)) {
                    min = l;
                }
                if (l + 1 < size && weaker(l + 1, min)) {
                    min = l + 1;
                }
                if (min == i) {
                    return;
                }
                swap(i, min);
                i = min;
            }
        }

        private void swap(int a, int b) {
            int s = session[a];
            session[a] = session[b];
            session[b] = s;
            double d = similarity[a];
            similarity[a] = similarity[b];
            similarity[b] = d;
            int r = rank[a];
            rank[a] = rank[b];
            rank[b] = r;
        }
    }

    /**
     * Reads the candidates newest first (a k-way merge of the query items' lists by click time),
     * each session once, up to {@code sampleSize}, and keeps the k most similar.
     */
    private Nearest nearest(IntSlots query, double[] weight, int[] lastPosition, SessionIndex index, int excluded) {
        // candidates come through the latest distinct items only: one that shares none of them has a
        // similarity of at most exp(-latestItems / positionDecay), too little to count
        int m = Math.min(query.size(), settings.latestItems());
        int[] latest = latest(query, lastPosition, m);
        SessionIndex.Postings[] lists = new SessionIndex.Postings[m];
        int[] cursor = new int[m];
        long[] head = new long[m]; // click time of each list's next posting, MIN_VALUE when it is exhausted
        double bound = 0; // the similarity of a session sharing every query item
        for (int q = 0; q < query.size(); q++) {
            bound += weight[q];
        }
        for (int l = 0; l < m; l++) {
            lists[l] = index.sessionsWith(query.key(latest[l]));
            head[l] = lists[l].size() > 0 ? lists[l].clickMillis(0) : Long.MIN_VALUE;
        }
        int sample = settings.sampleSize();
        Nearest nearest = new Nearest(settings.neighbours());
        IntSlots taken = new IntSlots(sample);
        int[] sharedAt = new int[query.size()];
        double now = index.newestClickMillis();
        long ageMillis = settings.sessionAgeMillis();
        while (taken.size() < sample) {
            int newest = -1;
            long newestTime = Long.MIN_VALUE;
            for (int l = 0; l < m; l++) {
                if (head[l] > newestTime) {
                    newestTime = head[l];
                    newest = l;
                }
            }
            if (newest < 0) {
                break;
            }
            int session = lists[newest].session(cursor[newest]++);
            head[newest] = cursor[newest] < lists[newest].size() ? lists[newest].clickMillis(cursor[newest]) : Long.MIN_VALUE;
            if (session < 0 || session == excluded || taken.get(session) >= 0) {
                continue;
            }
            int rank = taken.add(session);
            double age = ageMillis > 0 ? Math.exp(-Math.max(0.0, now - newestTime) / ageMillis) : 1.0;
            if (nearest.full() && nearest.weakest() >= bound * age) {
                break; // every later candidate is older: none can be more similar than the weakest kept
            }
            double overlap = 0;
            for (int item : index.items(session)) {
                int q = query.get(item);
                if (q >= 0 && sharedAt[q] != rank + 1) { // each shared item counts once
                    sharedAt[q] = rank + 1;
                    overlap += weight[q];
                }
            }
            nearest.offer(session, overlap * age, rank);
        }
        return nearest;
    }

    /** The k-th largest of values[0..n) (k >= 1), by quickselect on a copy. */
    static double nthLargest(double[] values, int n, int k) {
        double[] a = java.util.Arrays.copyOf(values, n);
        int lo = 0;
        int hi = n - 1;
        int target = k - 1;
        while (lo < hi) {
            double pivot = a[(lo + hi) >>> 1];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (a[i] > pivot) {
                    i++;
                }
                while (a[j] < pivot) {
                    j--;
                }
                if (i <= j) {
                    double t = a[i];
                    a[i] = a[j];
                    a[j] = t;
                    i++;
                    j--;
                }
            }
            if (target <= j) {
                hi = j;
            } else if (target >= i) {
                lo = i;
            } else {
                return a[target];
            }
        }
        return a[target];
    }

    /** The slots of the {@code m} query items clicked last, latest first. */
    private static int[] latest(IntSlots query, int[] lastPosition, int m) {
        int[] latest = new int[m];
        int taken = 0;
        int after = Integer.MAX_VALUE; // each round takes the latest item clicked before the previous one
        while (taken < m) {
            int best = -1;
            for (int q = 0; q < query.size(); q++) {
                if (lastPosition[q] < after && (best < 0 || lastPosition[q] > lastPosition[best])) {
                    best = q;
                }
            }
            latest[taken++] = best;
            after = lastPosition[best];
        }
        return latest;
    }

    private void tally(Nearest nearest, IntSlots query, int[] lastPosition, int n, SessionIndex index, Votes votes) {
        int clicks = 0;
        for (int h = 0; h < nearest.size; h++) {
            clicks += index.items(nearest.session[h]).length;
        }
        IntSlots voted = new IntSlots(Math.max(1, clicks));
        double[] total = new double[clicks];
        double[] inNeighbour = new double[clicks]; // the item's best vote from the neighbour being tallied
        int[] neighbourOf = new int[clicks];
        double[] strongest = new double[clicks];
        int[] because = new int[clicks];
        double[] becauseSimilarity = new double[clicks];
        for (int h = 0; h < nearest.size; h++) {
            int[] items = index.items(nearest.session[h]);
            double similarity = nearest.similarity[h];
            int match = -1;
            int matchQuery = -1;
            int latestShared = -1;
            for (int p = items.length - 1; p >= 0; p--) {
                int q = query.get(items[p]);
                if (q >= 0) {
                    if (match < 0) {
                        match = p;
                        matchQuery = q;
                    }
                    latestShared = Math.max(latestShared, lastPosition[q]);
                }
            }
            double base = similarity;
            if (matchWeight != null) {
                base *= decay(matchWeight, n - 1 - latestShared, settings.matchDecay());
            }
            for (int p = 0; p < items.length; p++) {
                double vote = base * decay(itemWeight, Math.abs(p - match), settings.neighbourItemDecay());
                int v = voted.add(items[p]);
                if (neighbourOf[v] != h + 1) {
                    neighbourOf[v] = h + 1;
                    inNeighbour[v] = vote;
                    total[v] += vote;
                } else if (vote > inNeighbour[v]) { // an item votes once per neighbour, from its nearest click
                    total[v] += vote - inNeighbour[v];
                    inNeighbour[v] = vote;
                }
                if (inNeighbour[v] > strongest[v]) {
                    strongest[v] = inNeighbour[v];
                    because[v] = query.key(matchQuery);
                    becauseSimilarity[v] = similarity;
                }
            }
        }
        double threshold = voted.size() > settings.maxVotes() ? nthLargest(total, voted.size(), settings.maxVotes()) : 0;
        int emitted = 0;
        for (int v = 0; v < voted.size() && emitted < settings.maxVotes(); v++) {
            if (total[v] >= threshold) {
                votes.vote(index.itemId(voted.key(v)), total[v], index.itemId(because[v]), becauseSimilarity[v]);
                emitted++;
            }
        }
    }
}
