package io.ecrm.recommender;

import java.util.List;

/**
 * Session-kNN candidate source: past sessions most like the current one vote for their items
 * (V-SKNN, Ludewig and Jannach 2018, with the weights of STAN, Garg et al. 2019):
 * <ul>
 *   <li>the current session [s1..sn] is a vector: item s_p weighs exp(-(n - p) / positionDecay)
 *       (or p / n, V-SKNN's linear weights, when positionDecay is 0), its last click counting when it repeats;</li>
 *   <li>candidates are the {@code sampleSize} past sessions that most recently clicked any of its
 *       items, read newest first from the index's per-item lists (so cost does not grow with
 *       history);</li>
 *   <li>similarity is the weighted overlap: the sum of the weights of the shared items, times
 *       exp(-age / sessionAgeMillis) where age is how long before the index's newest click the
 *       neighbour clicked a shared item; the {@code neighbours} most similar vote (ties: the more
 *       recent);</li>
 *   <li>a neighbour votes for each of its items with similarity * exp(-d / neighbourItemDecay)
 *       (similarity alone when neighbourItemDecay is 0), d the item's distance in clicks from the
 *       neighbour's last shared item (its nearest click counting), times exp(-k / matchDecay) when
 *       the latest shared item is k clicks before the current session's last.</li>
 * </ul>
 * Items of the current session get votes too: visitors come back to what they just viewed.
 * Candidates come newest first and their age factor only falls, so the scan stops as soon as no
 * older session could still enter the nearest: with one item, after {@code neighbours} sessions.
 * A neighbour's items further than {@link #horizon} clicks from its match, whose votes would be
 * below a thousandth of its nearest item's, are left out. The working arrays are kept per thread,
 * so a query allocates next to nothing.
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
    private final int horizon;

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    public SessionNeighbours(SessionKnnSettings settings) {
        this.settings = settings;
        int distances = settings.maxClicksPerSession() + 1;
        this.positionWeight = settings.positionDecay() > 0 ? decays(distances, settings.positionDecay()) : null;
        this.itemWeight = settings.neighbourItemDecay() > 0 ? decays(distances, settings.neighbourItemDecay()) : null;
        this.matchWeight = settings.matchDecay() > 0 ? decays(distances, settings.matchDecay()) : null;
        this.horizon = itemWeight != null ? horizon(settings.neighbourItemDecay()) : settings.maxClicksPerSession();
    }

    /** The distance past which exp(-d / decay) falls below 1/1000. */
    static int horizon(double decay) {
        return (int) Math.ceil(decay * Math.log(1000));
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
        Scratch scratch = SCRATCH.get();
        scratch.reset(n, settings);
        // the current session: item key -> slot q, with its weight and last position (0-based)
        IntSlots query = scratch.query;
        for (int p = 0; p < n; p++) {
            int key = index.itemKey(sessionItems.get(p));
            if (key >= 0) {
                int q = query.add(key);
                scratch.weight[q] = positionWeight != null ? decay(positionWeight, n - 1 - p, settings.positionDecay())
                        : (p + 1) / (double) n; // linear, V-SKNN's: the last click 1, the first 1/n
                scratch.lastPosition[q] = p;
            }
        }
        if (query.size() == 0) {
            return;
        }
        int excluded = currentSessionId == null ? -1 : index.sessionKey(currentSessionId);
        nearest(scratch, index, excluded);
        tally(scratch, n, index, votes);
    }

    /** A query's working arrays, kept per thread and sized to the largest query so far. */
    private static final class Scratch {
        final IntSlots query = new IntSlots(16);
        final IntSlots taken = new IntSlots(16);
        final IntSlots voted = new IntSlots(16);
        double[] weight = new double[0];
        int[] lastPosition = new int[0];
        int[] sharedAt = new int[0];
        int[] latest = new int[0];
        SessionIndex.Postings[] lists = new SessionIndex.Postings[0];
        int[] cursor = new int[0];
        long[] head = new long[0];
        Nearest nearest = new Nearest(0);
        double[] total = new double[0];
        double[] inNeighbour = new double[0];
        int[] neighbourOf = new int[0];
        double[] strongest = new double[0];
        int[] because = new int[0];
        double[] becauseSimilarity = new double[0];
        double[] selection = new double[0]; // the heap of nthLargest: maxVotes long
        // per candidate (by rank): its last click on a query item, that item's query slot, the latest query position shared
        int[] match = new int[0];
        int[] matchQuery = new int[0];
        int[] latestShared = new int[0];
        final long[] filter = new long[4];

        void reset(int n, SessionKnnSettings settings) {
            query.reset(n);
            taken.reset(settings.sampleSize());
            if (selection.length < settings.maxVotes()) {
                selection = new double[settings.maxVotes()];
            }
            if (match.length < settings.sampleSize()) {
                match = new int[settings.sampleSize()];
                matchQuery = new int[settings.sampleSize()];
                latestShared = new int[settings.sampleSize()];
            }
            if (weight.length < n) {
                weight = new double[n];
                lastPosition = new int[n];
                sharedAt = new int[n];
                latest = new int[n];
                lists = new SessionIndex.Postings[n];
                cursor = new int[n];
                head = new long[n];
            }
            java.util.Arrays.fill(sharedAt, 0, n, 0);
            java.util.Arrays.fill(cursor, 0, n, 0);
            if (nearest.session.length != settings.neighbours()) {
                nearest = new Nearest(settings.neighbours());
            }
            nearest.size = 0;
        }

        /** Room for the votes of {@code clicks} neighbour clicks, emptied. */
        void resetVotes(int clicks) {
            voted.reset(clicks);
            if (total.length < clicks) {
                total = new double[clicks];
                inNeighbour = new double[clicks];
                neighbourOf = new int[clicks];
                strongest = new double[clicks];
                because = new int[clicks];
                becauseSimilarity = new double[clicks];
            } else {
                java.util.Arrays.fill(total, 0, clicks, 0.0);
                java.util.Arrays.fill(neighbourOf, 0, clicks, 0);
                java.util.Arrays.fill(strongest, 0, clicks, 0.0);
            }
        }
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
     * Reads the candidates newest first (a k-way merge by click time of the lists of the session's
     * latest items), each session once, up to {@code sampleSize}, and keeps the k most similar.
     */
    private void nearest(Scratch scratch, SessionIndex index, int excluded) {
        IntSlots query = scratch.query;
        double[] weight = scratch.weight;
        // candidates come through the latest distinct items only: a session sharing none of them
        // would have a similarity below exp(-latestItems / positionDecay), too little to count
        int m = Math.min(query.size(), settings.latestItems());
        int[] latest = latest(query, scratch.lastPosition, m, scratch.latest);
        SessionIndex.Postings[] lists = scratch.lists;
        int[] cursor = scratch.cursor;
        long[] head = scratch.head; // click time of each list's next posting, MIN_VALUE once exhausted
        double bound = 0; // the similarity of a session sharing every query item
        for (int q = 0; q < query.size(); q++) {
            bound += weight[q];
        }
        for (int l = 0; l < m; l++) {
            lists[l] = index.sessionsWith(query.key(latest[l]));
            head[l] = lists[l].size() > 0 ? lists[l].clickMillis(0) : Long.MIN_VALUE;
        }
        int sample = settings.sampleSize();
        Nearest nearest = scratch.nearest;
        IntSlots taken = scratch.taken;
        int[] sharedAt = scratch.sharedAt;
        int[] lastPosition = scratch.lastPosition;
        // a 256-bit filter of the query's item keys: most items of a candidate are not in the query,
        // and the filter tells so without probing the query's table
        long[] filter = scratch.filter;
        java.util.Arrays.fill(filter, 0L);
        for (int q = 0; q < query.size(); q++) {
            int key = query.key(q);
            filter[(key >>> 6) & 3] |= 1L << key;
        }
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
            if (session < 0 || session == excluded) {
                continue;
            }
            int candidates = taken.size();
            int rank = taken.add(session);
            if (rank < candidates) {
                continue; // read already, through another of the query's items
            }
            double age = ageMillis > 0 ? Math.exp(-Math.max(0.0, now - newestTime) / ageMillis) : 1.0;
            if (nearest.full() && nearest.weakest() >= bound * age) {
                break; // every later candidate is older: none can be more similar than the weakest kept
            }
            double overlap = 0;
            int[] items = index.items(session);
            int match = -1;
            int matchQuery = -1;
            int latestShared = -1;
            for (int p = 0; p < items.length; p++) {
                int item = items[p];
                if ((filter[(item >>> 6) & 3] & (1L << item)) == 0) {
                    continue;
                }
                int q = query.get(item);
                if (q >= 0) {
                    match = p;
                    matchQuery = q;
                    latestShared = Math.max(latestShared, lastPosition[q]);
                    if (sharedAt[q] != rank + 1) { // each shared item counts once
                        sharedAt[q] = rank + 1;
                        overlap += weight[q];
                    }
                }
            }
            // what the tally needs of a neighbour, found here so that it does not read the session again
            scratch.match[rank] = match;
            scratch.matchQuery[rank] = matchQuery;
            scratch.latestShared[rank] = latestShared;
            nearest.offer(session, overlap * age, rank);
        }
    }

    /** The slots of the {@code m} query items clicked last, latest first. */
    private static int[] latest(IntSlots query, int[] lastPosition, int m, int[] latest) {
        int taken = 0;
        int before = Integer.MAX_VALUE; // each round takes the latest item clicked before the previous one
        while (taken < m) {
            int best = -1;
            for (int q = 0; q < query.size(); q++) {
                if (lastPosition[q] < before && (best < 0 || lastPosition[q] > lastPosition[best])) {
                    best = q;
                }
            }
            latest[taken++] = best;
            before = lastPosition[best];
        }
        return latest;
    }

    private void tally(Scratch scratch, int n, SessionIndex index, Votes votes) {
        Nearest nearest = scratch.nearest;
        IntSlots query = scratch.query;
        int clicks = 0;
        for (int h = 0; h < nearest.size; h++) {
            clicks += Math.min(index.items(nearest.session[h]).length, 2 * horizon + 1);
        }
        scratch.resetVotes(Math.max(1, clicks));
        IntSlots voted = scratch.voted;
        double[] total = scratch.total;
        double[] inNeighbour = scratch.inNeighbour; // the item's best vote from the neighbour being tallied
        int[] neighbourOf = scratch.neighbourOf;
        double[] strongest = scratch.strongest;
        int[] because = scratch.because;
        double[] becauseSimilarity = scratch.becauseSimilarity;
        for (int h = 0; h < nearest.size; h++) {
            int[] items = index.items(nearest.session[h]);
            double similarity = nearest.similarity[h];
            int match = scratch.match[nearest.rank[h]]; // the neighbour's last click on a query item
            int matchQuery = scratch.matchQuery[nearest.rank[h]];
            int latestShared = scratch.latestShared[nearest.rank[h]]; // the latest query position it shares
            double base = similarity;
            if (matchWeight != null) {
                base *= decay(matchWeight, n - 1 - latestShared, settings.matchDecay());
            }
            int from = Math.max(0, match - horizon);
            int to = Math.min(items.length - 1, match + horizon);
            for (int p = from; p <= to; p++) {
                double vote = itemWeight == null ? base
                        : base * decay(itemWeight, Math.abs(p - match), settings.neighbourItemDecay());
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
        int size = voted.size();
        double threshold = size > settings.maxVotes() ? nthLargest(total, size, settings.maxVotes(), scratch.selection) : 0;
        int emitted = 0;
        for (int v = 0; v < size; v++) { // every item above the threshold, then ties at it while there is room
            if (total[v] > threshold) {
                votes.vote(index.itemId(voted.key(v)), total[v], index.itemId(because[v]), becauseSimilarity[v]);
                emitted++;
            }
        }
        for (int v = 0; v < size && emitted < settings.maxVotes() && threshold > 0; v++) {
            if (total[v] == threshold) {
                votes.vote(index.itemId(voted.key(v)), total[v], index.itemId(because[v]), becauseSimilarity[v]);
                emitted++;
            }
        }
    }

    /**
     * The k-th largest of values[0..n) (1 <= k <= n): the k largest are kept in a min-heap in
     * {@code work} (at least k long), so that the many small votes cost one comparison each.
     */
    static double nthLargest(double[] values, int n, int k, double[] work) {
        double[] heap = work;
        System.arraycopy(values, 0, heap, 0, k);
        for (int i = k / 2 - 1; i >= 0; i--) {
            siftDown(heap, k, i);
        }
        for (int i = k; i < n; i++) {
            if (values[i] > heap[0]) {
                heap[0] = values[i];
                siftDown(heap, k, 0);
            }
        }
        return heap[0];
    }

    private static void siftDown(double[] heap, int size, int i) {
        double value = heap[i];
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && heap[child + 1] < heap[child]) {
                child++;
            }
            if (heap[child] >= value) {
                break;
            }
            heap[i] = heap[child];
            i = child;
        }
        heap[i] = value;
    }
}
