package io.ecrm.recommender;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Answers "what should this visitor see next?": the one ranker. It blends five candidate sources
 * for the visitor's current session and longer-term history:
 * <ul>
 *   <li>{@link Source#SESSION_NEIGHBOURS}: votes of past sessions like the current one ({@link SessionNeighbours});</li>
 *   <li>{@link Source#SESSION_REPEAT}: the session's own items, the latest clicks weighing most;</li>
 *   <li>{@link Source#FOLLOWS}: items that follow the visitor's recent items in sessions;</li>
 *   <li>{@link Source#SIMILAR_ITEMS}: items similar to the visitor's recent items;</li>
 *   <li>{@link Source#POPULAR}: the tenant's most popular items.</li>
 * </ul>
 * With one source weighing alone, or with another weighing next to nothing, the ranker is one of
 * the published baselines (S-POP, V-SKNN, Item-KNN, POP: {@code tuning.Baselines}); candidates of
 * equal score rank by popularity, then by id.
 * The item-to-item sources read the visitor's recent items newest first, the session's before the
 * history's: the item at position p (0 = newest) counts 1 / (1 + p), times
 * {@link RankingSettings#profileWeight} for history items, and its list is read to the same
 * share of its length (the first {@code maxNeighboursPerItem / (1 + p)} entries). Each source's scores are divided by its
 * best in the query and weighted ({@link RankingSettings}); the sum ranks the candidates. Then the
 * {@link BusinessRules} apply, and trending, then popular items fill what is missing, so that a
 * tenant with any data never answers an empty list.
 */
public final class Recommender {
    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

    private final RecommenderSettings settings;
    private final SessionNeighbours sessionNeighbours;

    public Recommender(RecommenderSettings settings) {
        this.settings = settings;
        this.sessionNeighbours = new SessionNeighbours(settings.sessionKnn());
    }

    public RecommenderSettings settings() {
        return settings;
    }

    /**
     * The history-only answer: similar items of the visitor's recent items (newest first), then
     * popular items. Kept for callers that have neither session data nor a catalogue.
     *
     * @param neighboursOf the similar-items list of an item ({@link ItemNeighbours#NONE} when unknown)
     * @param popular      the tenant's most popular items, best first
     */
    public List<ScoredItem> recommend(RecommendationQuery query, Function<String, ItemNeighbours> neighboursOf,
                                      List<ScoredItem> popular) {
        List<Recommendation> answer = recommend(query,
                RecommenderSources.ofSimilar(neighboursOf::apply, PopularItems.of(popular, List.of())));
        List<ScoredItem> items = new ArrayList<>(answer.size());
        answer.forEach(r -> items.add(r.toScoredItem()));
        return items;
    }

    /** The best {@code query.count()} items, best first, each with its score and (when asked) every contribution. */
    public List<Recommendation> recommend(RecommendationQuery query, RecommenderSources sources) {
        RankingSettings ranking = settings.ranking();
        List<String> session = sessionWithScreen(query);
        Workspace workspace = WORKSPACE.get();
        Candidates candidates = workspace.candidates;
        candidates.reset();
        double[] weights = workspace.weights;
        weights[0] = ranking.sessionNeighboursWeight();
        weights[1] = ranking.repeatWeight();
        weights[2] = ranking.followsWeight();
        weights[3] = ranking.similarItemsWeight();
        weights[4] = ranking.popularityWeight();
        if (weights[0] > 0 && !session.isEmpty()) {
            sessionNeighbours.vote(session, query.sessionId(), sources.sessions(), candidates.sessionNeighbourVotes());
        }
        if (weights[1] > 0) {
            int n = session.size();
            for (int p = 0; p < n; p++) {
                double recency = ranking.repeatDecay() > 0 ? Math.exp(-(n - 1 - p) / ranking.repeatDecay()) : 1.0;
                candidates.add(1, session.get(p), recency, session.get(p), recency);
            }
        }
        if (weights[2] > 0 || weights[3] > 0) {
            ItemSlots anchors = workspace.anchors;
            int fromSession = anchors(query, session, anchors);
            for (int a = 0; a < anchors.size(); a++) {
                String anchor = anchors.item(a);
                double weight = (a < fromSession ? 1.0 : ranking.profileWeight()) / (1 + a);
                int depth = settings.maxNeighboursPerItem() / (1 + a); // a list is read as deep as its item weighs
                if (weights[2] > 0) {
                    addList(candidates, 2, sources.follows().of(anchor).neighbours(), depth, anchor, weight);
                }
                if (weights[3] > 0) {
                    addList(candidates, 3, sources.similar().of(anchor).neighbours(), depth, anchor, weight);
                }
            }
        }
        if (weights[4] > 0) {
            List<ScoredItem> popular = sources.popularity().popular();
            for (int i = 0, n = Math.min(popular.size(), query.count() + session.size()); i < n; i++) {
                candidates.add(4, popular.get(i).itemId(), popular.get(i).score(), null, 0.0);
            }
        }
        return select(query, sources, workspace, weights);
    }

    /** A query's working arrays, kept per thread so that a query allocates little beyond its answer. */
    private static final class Workspace {
        final Candidates candidates = new Candidates();
        final BusinessRules rules = new BusinessRules();
        final ItemSlots anchors = new ItemSlots();
        final double[] weights = new double[Candidates.BLENDED.length];
        final double[] scale = new double[Candidates.BLENDED.length];
        double[] total = new double[256];
        int[] heap = new int[256];
        int[] order = new int[256];

        void ensure(int n) {
            if (total.length < n) {
                int size = Math.max(n, total.length * 2);
                total = new double[size];
                heap = new int[size];
                order = new int[size];
            }
        }
    }

    private static void addList(Candidates candidates, int source, List<ScoredItem> list, int depth, String anchor,
                                double weight) {
        for (int i = 0, n = Math.min(depth, list.size()); i < n; i++) {
            ScoredItem item = list.get(i);
            candidates.add(source, item.itemId(), weight * item.score(), anchor, item.score());
        }
    }

    /** The session's clicks, oldest first, with the item on screen as the latest click (unless it already is). */
    private static List<String> sessionWithScreen(RecommendationQuery query) {
        List<String> session = query.sessionItems();
        String screen = query.itemOnScreen();
        if (screen == null || (!session.isEmpty() && session.get(session.size() - 1).equals(screen))) {
            return session;
        }
        List<String> withScreen = new ArrayList<>(session.size() + 1);
        withScreen.addAll(session);
        withScreen.add(screen);
        return withScreen;
    }

    /**
     * The item-to-item sources' inputs, in {@code anchors}' slot order: distinct recent items, the
     * session's newest first, then the history's; returns how many came from the session.
     */
    private int anchors(RecommendationQuery query, List<String> session, ItemSlots anchors) {
        anchors.reset();
        int max = settings.queryItems();
        for (int p = session.size() - 1; p >= 0 && anchors.size() < max; p--) {
            anchors.add(session.get(p));
        }
        int fromSession = anchors.size();
        if (settings.ranking().profileWeight() <= 0) {
            return fromSession;
        }
        List<String> recent = query.recentItems();
        for (int i = 0; i < recent.size() && anchors.size() < max; i++) {
            anchors.add(recent.get(i));
        }
        return fromSession;
    }

    private List<Recommendation> select(RecommendationQuery query, RecommenderSources sources, Workspace workspace,
                                        double[] weights) {
        Candidates candidates = workspace.candidates;
        int n = candidates.size();
        double[] scale = workspace.scale;
        for (int s = 0; s < weights.length; s++) {
            double max = weights[s] > 0 ? candidates.max(s) : 0;
            scale[s] = max > 0 ? weights[s] / max : 0;
        }
        workspace.ensure(n);
        double[] total = workspace.total;
        for (int c = 0; c < n; c++) {
            double sum = 0;
            for (int s = 0; s < scale.length; s++) {
                sum += scale[s] * candidates.score(s, c);
            }
            total[c] = sum;
        }
        IgnoredItems ignored = query.ignored();
        List<ShownItems.Shown> shown = ignored.shown().items();
        for (int i = 0; i < shown.size(); i++) {
            int c = candidates.slot(shown.get(i).itemId());
            if (c >= 0) {
                total[c] *= ignored.factor(shown.get(i));
            }
        }
        RankedSlots ranked = new RankedSlots(total, n, candidates, sources.popularity(), workspace.heap, workspace.order);
        BusinessRules rules = workspace.rules;
        rules.start(query, sources.catalogue(), settings.ranking().maxPerCategory());
        List<Recommendation> answer = new ArrayList<>(query.count());
        for (BusinessRules.Level level : BusinessRules.Level.values()) {
            if (level == BusinessRules.Level.HARD_ONLY && !answer.isEmpty()) {
                break; // what the visitor has seen comes back only instead of an empty answer, never to lengthen one
            }
            for (int r = 0; answer.size() < query.count(); r++) {
                int c = ranked.get(r);
                if (c < 0) {
                    break;
                }
                if (rules.take(candidates.item(c), level)) {
                    // an item let in by a relaxed rule ranks after the fill, and scores so
                    double score = level == BusinessRules.Level.ALL || answer.isEmpty() ? total[c]
                            : Math.min(total[c], answer.get(answer.size() - 1).score() * 0.5);
                    answer.add(recommendation(query, candidates, c, score, scale));
                }
            }
            fill(answer, query, sources.popularity().trending(), Source.TRENDING, rules, level);
            fill(answer, query, sources.popularity().popular(), Source.POPULAR, rules, level);
            if (answer.size() == query.count()) {
                break;
            }
        }
        return answer;
    }

    private static Recommendation recommendation(RecommendationQuery query, Candidates candidates, int c, double score,
                                                 double[] scale) {
        int strongest = -1;
        double best = 0;
        List<Contribution> explanation = query.explain() ? new ArrayList<>(scale.length) : List.of();
        for (int s = 0; s < scale.length; s++) {
            double part = scale[s] * candidates.score(s, c);
            if (part > 0) {
                if (part > best) {
                    best = part;
                    strongest = s;
                }
                if (query.explain()) {
                    explanation.add(new Contribution(Candidates.BLENDED[s], candidates.because(s, c),
                            candidates.similarity(s, c), part));
                }
            }
        }
        if (query.explain()) {
            explanation.sort((a, b) -> Double.compare(b.score(), a.score()));
        }
        return new Recommendation(candidates.item(c), score, strongest < 0 ? null : candidates.because(strongest, c),
                explanation);
    }

    /** Appends list items the rules allow, scored into (0, half the lowest score so far] in the list's order. */
    private static void fill(List<Recommendation> answer, RecommendationQuery query, List<ScoredItem> list, Source source,
                             BusinessRules rules, BusinessRules.Level level) {
        if (answer.size() >= query.count() || list.isEmpty()) {
            return;
        }
        double floor = answer.isEmpty() ? 1.0 : answer.get(answer.size() - 1).score();
        double top = Math.max(list.get(0).score(), Double.MIN_NORMAL);
        for (ScoredItem item : list) {
            if (answer.size() == query.count()) {
                return;
            }
            if (rules.take(item.itemId(), level)) {
                double relative = Math.max(0.0, item.score()) / top;
                double score = floor * 0.5 * relative;
                answer.add(new Recommendation(item.itemId(), score, null, query.explain()
                        ? List.of(new Contribution(source, null, relative, score)) : List.of()));
            }
        }
    }

    /**
     * Candidate slots best first (score, then popularity, then item id), popped lazily from a heap: most
     * queries read only the top.
     */
    private static final class RankedSlots {
        private final double[] total;
        private final Candidates candidates;
        private final PopularItems popularity;
        private final int[] heap;
        private int heapSize;
        private final int[] order;
        private int popped;

        RankedSlots(double[] total, int n, Candidates candidates, PopularItems popularity, int[] heap, int[] order) {
            this.total = total;
            this.candidates = candidates;
            this.popularity = popularity;
            this.heap = heap;
            this.order = order;
            for (int c = 0; c < n; c++) {
                if (total[c] > 0) {
                    heap[heapSize++] = c;
                }
            }
            for (int i = heapSize / 2 - 1; i >= 0; i--) {
                siftDown(i);
            }
        }

        /** The r-th best slot, or -1 past the end. */
        int get(int r) {
            while (popped <= r && heapSize > 0) {
                order[popped++] = heap[0];
                heap[0] = heap[--heapSize];
                siftDown(0);
            }
            return r < popped ? order[r] : -1;
        }

        private boolean better(int a, int b) {
            if (total[a] != total[b]) {
                return total[a] > total[b];
            }
            String x = candidates.item(a);
            String y = candidates.item(b);
            int byPopularity = Integer.compare(popularity.rank(x), popularity.rank(y));
            return byPopularity != 0 ? byPopularity < 0 : x.compareTo(y) < 0;
        }

        private void siftDown(int i) {
            while (true) {
                int l = 2 * i + 1;
                int r = l + 1;
                int best = i;
                if (l < heapSize && better(heap[l], heap[best])) {
                    best = l;
                }
                if (r < heapSize && better(heap[r], heap[best])) {
                    best = r;
                }
                if (best == i) {
                    return;
                }
                int t = heap[i];
                heap[i] = heap[best];
                heap[best] = t;
                i = best;
            }
        }
    }
}
