package io.ecrm.serving;

import io.ecrm.recommender.Catalogue;
import io.ecrm.recommender.ItemAttributes;
import io.ecrm.recommender.ItemNeighbours;
import io.ecrm.recommender.NeighbourLists;
import io.ecrm.recommender.PopularItems;
import io.ecrm.recommender.Recommendation;
import io.ecrm.recommender.RecommenderSources;
import io.ecrm.recommender.ImpressionSettings;
import io.ecrm.recommender.RecommendationQuery;
import io.ecrm.recommender.Recommender;
import io.ecrm.recommender.RecommenderSettings;
import io.ecrm.recommender.tuning.ServingKnobs;
import io.ecrm.serving.experiments.Experiment;
import io.ecrm.serving.model.TenantModel;
import io.ecrm.recommender.ScoredItem;
import io.ecrm.recommender.TopK;
import io.ecrm.recommender.VisitorHistory;
import io.ecrm.schemas.TenantTopics;
import io.ecrm.schemas.VisitorKey;
import io.ecrm.streams.SessionIndexFeed;
import io.ecrm.streams.TenantStreams;
import io.ecrm.streams.profile.CustomerProfile;
import io.ecrm.schemas.CatalogItem;
import io.ecrm.streams.items.ActivityWindow;
import io.ecrm.streams.items.ItemActivity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.Optional;
import java.util.Set;

/**
 * One tenant as the HTTP layer sees it: answers from the tenant's state stores through the
 * recommender. The popular and lately popular lists are recomputed from the global stores every
 * {@link #POPULAR_REFRESH_MILLIS} at most, off the request threads: a request that finds them due
 * hands the walk of every item's count to a background thread and answers with the lists it has
 * (only the tenant's first request waits for them, and the first once it runs after lists read while
 * its stores were restoring).
 */
public final class TenantEngine {
    static final long POPULAR_REFRESH_MILLIS = 2_000;
    private static final int POPULAR_KEPT = 500;
    private static final Logger LOG = LoggerFactory.getLogger(TenantEngine.class);
    /** Recomputes popular lists of every tenant, one at a time, so that they never take a request thread's time. */
    private static final ExecutorService LIST_REFRESH = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "ecrm-popular-lists");
        thread.setDaemon(true);
        return thread;
    });

    private final TenantStreams streams;
    private final RecommenderSettings configured;
    private volatile Recommender recommender;
    private final SessionIndexFeed sessions;
    private final long sessionGapMillis;
    /** The popular and lately popular lists as a ranking reads them, and when they were computed (null: not yet). */
    private volatile Popularity popularity;
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private final Map<ActivityWindow, Ranked> trending = new ConcurrentHashMap<>();
    // what a ranking reads of the stores, made once rather than per query
    private final NeighbourLists neighbourLists;
    private final NeighbourLists followsLists;
    private final Catalogue catalogue;

    /**
     * @param configured       the recommender's settings until a fit of the tenant's own replaces its serving knobs
     * @param sessions         the tenant's past sessions, for session-kNN
     * @param sessionGapMillis inactivity after which a visitor's next event starts a new visit
     */
    public TenantEngine(TenantStreams streams, RecommenderSettings configured, SessionIndexFeed sessions, long sessionGapMillis) {
        this.streams = streams;
        this.configured = configured;
        this.recommender = new Recommender(configured);
        this.sessions = sessions;
        this.sessionGapMillis = sessionGapMillis;
        this.neighbourLists = streams::neighbours;
        this.followsLists = streams::follows;
        this.catalogue = itemId -> {
            CatalogItem listed = streams.catalogItem(itemId);
            return listed == null ? ItemAttributes.UNKNOWN : new ItemAttributes(listed.category(), listed.available());
        };
    }

    public TenantTopics topics() {
        return streams.topics();
    }

    public TenantStreams streams() {
        return streams;
    }

    /** The recommender's settings in use: the configured ones, with the serving knobs of the tenant's model if it has been fitted. */
    public RecommenderSettings settings() {
        return recommender.settings();
    }

    /**
     * Serves a model read from the tenant's model topic: its fitted serving knobs over the configured
     * settings, or the configured settings while it has none. Queries already running finish with
     * the settings they started with.
     */
    public void serve(TenantModel model) {
        RecommenderSettings next = model.settings() == null ? configured : ServingKnobs.withValues(configured, model.settings());
        if (!next.equals(recommender.settings())) {
            recommender = new Recommender(next);
        }
        Experiment running = model.runningExperiment();
        if (running == null) {
            arms = null;
        } else if (arms == null || !arms[0].experiment().equals(running)) {
            Assignment[] armsNext = new Assignment[running.arms().size()];
            for (int i = 0; i < armsNext.length; i++) {
                armsNext[i] = new Assignment(running, i,
                        new Recommender(ServingKnobs.withValues(configured, running.arms().get(i).settings())));
            }
            arms = armsNext;
        }
    }

    /**
     * A visitor's arm of the running experiment, with the recommender of the arm's settings.
     *
     * @param arm the arm's index in the experiment
     */
    public record Assignment(Experiment experiment, int arm, Recommender recommender) {
        public String armName() {
            return experiment.arms().get(arm).name();
        }
    }

    /** The running experiment's arms, one assignment each; null while none runs. */
    private volatile Assignment[] arms;

    /** The visitor's arm of the running experiment, or null while none runs. */
    public Assignment assign(String visitorId) {
        Assignment[] current = arms;
        return current == null ? null : current[current[0].experiment().armOf(visitorId)];
    }

    /**
     * The visitor key an id is known under: the customer with that id, else the anonymous visitor
     * with that id, or the customer that anonymous id has been linked to (its state moved there).
     */
    private <T> Optional<T> lookUp(String visitorId, java.util.function.Function<String, T> read) {
        T found = read.apply(VisitorKey.customer(visitorId));
        if (found == null) {
            found = read.apply(VisitorKey.anonymous(visitorId));
        }
        if (found == null) {
            String customer = streams.linkedCustomer(VisitorKey.anonymous(visitorId));
            found = customer == null ? null : read.apply(customer);
        }
        return Optional.ofNullable(found);
    }

    /** The visitor's history (see {@link #lookUp} for how the id is found). */
    public Optional<VisitorHistory> history(String visitorId) {
        return lookUp(visitorId, streams::visitorHistory);
    }

    /** The visitor's profile (see {@link #lookUp} for how the id is found). */
    public Optional<CustomerProfile> profile(String visitorId) {
        return lookUp(visitorId, streams::profile);
    }

    /**
     * What a caller asks of a recommendation besides the visitor.
     *
     * @param itemOnScreen the product the visitor is looking at (counts as their latest click; never answered), or null
     * @param excluded     items never to answer
     * @param category     only items of this catalogue category, or null
     * @param includeSeen  whether items the visitor has already touched may be answered
     * @param explain      whether each item carries every source's contribution
     */
    public record Ask(int count, String itemOnScreen, Set<String> excluded, String category, boolean includeSeen,
                      boolean explain) {
        public static Ask of(int count) {
            return new Ask(count, null, Set.of(), null, false, false);
        }

        /**
         * The ranking's query for a visitor with this history (EMPTY for one not seen): the current
         * visit is the recent items no more than {@code sessionGapMillis} apart, oldest first; the
         * items lists showed them and they ignored are judged by {@code impressions} at {@code nowMillis}.
         */
        public RecommendationQuery query(VisitorHistory history, long sessionGapMillis, ImpressionSettings impressions,
                                         long nowMillis) {
            return RecommendationQuery.builder()
                    .ignored(impressions.judge(history.shown(), nowMillis))
                    .session(currentVisit(history.recent(), sessionGapMillis))
                    .recent(history.recentItemIds())
                    .bought(history.purchased().isEmpty() ? Set.of() : Set.copyOf(history.purchased()))
                    .excluded(excluded).onScreen(itemOnScreen).category(category)
                    .includeSeen(includeSeen).count(count).explain(explain).build();
        }

        /** The items of the visit going on: from the newest back while no gap exceeds the session gap; oldest first. */
        private static List<String> currentVisit(List<VisitorHistory.RecentItem> newestFirst, long sessionGapMillis) {
            int n = 0;
            while (n < newestFirst.size()
                    && (n == 0 || newestFirst.get(n - 1).timestampMillis() - newestFirst.get(n).timestampMillis() <= sessionGapMillis)) {
                n++;
            }
            String[] visit = new String[n];
            for (int i = 0; i < n; i++) {
                visit[n - 1 - i] = newestFirst.get(i).itemId();
            }
            return List.of(visit);
        }
    }

    /** Recommendations for a visitor with the defaults of {@link Ask#of}, as scored items. */
    public List<ScoredItem> recommend(String visitorId, int count) {
        return recommend(visitorId, Ask.of(count)).stream().map(Recommendation::toScoredItem).toList();
    }

    /**
     * Recommendations for a visitor: their current visit (the recent items no more than the session
     * gap apart, oldest first) and longer history, ranked by the recommender over the tenant's
     * sources: similar items and follows (global stores), past sessions ({@link SessionIndexFeed}),
     * popular and recently popular items, and the catalogue. Bought items are never answered. A
     * visitor we have not seen gets the tenant's popular items.
     */
    public List<Recommendation> recommend(String visitorId, Ask ask) {
        return recommend(history(visitorId), ask);
    }

    /**
     * {@link #recommend(String, Ask)} for a visitor whose history was read already (null for an
     * unknown visitor), ranked with the settings of their experiment arm ({@code assigned}; null:
     * the tenant's settings).
     */
    public List<Recommendation> recommendFor(VisitorHistory history, Ask ask, Assignment assigned) {
        return recommend(Optional.ofNullable(history), ask, assigned == null ? recommender : assigned.recommender());
    }

    private List<Recommendation> recommend(Optional<VisitorHistory> history, Ask ask) {
        return recommend(history, ask, recommender);
    }

    private List<Recommendation> recommend(Optional<VisitorHistory> history, Ask ask, Recommender ranker) {
        RecommendationQuery query = ask.query(history.orElse(VisitorHistory.EMPTY), sessionGapMillis,
                ranker.settings().ranking().impressions(), System.currentTimeMillis());
        PopularItems popularity = popularity().items();
        return sessions.read(index -> ranker.recommend(query,
                new RecommenderSources(neighbourLists, followsLists, index, popularity, catalogue)));
    }

    /** The item's neighbours, best first; empty when the item is unknown. */
    public Optional<List<ScoredItem>> similar(String itemId, int count) {
        return similar(itemId, count, null);
    }

    /**
     * The item's neighbours, best first, leaving out items the catalogue marks unavailable and,
     * when {@code category} is given, items not in that category; empty when the item is unknown.
     */
    public Optional<List<ScoredItem>> similar(String itemId, int count, String category) {
        ItemNeighbours neighbours = streams.neighbours(itemId);
        if (neighbours.neighbours().isEmpty() && streams.itemCount(itemId) == null) {
            return Optional.empty();
        }
        List<ScoredItem> kept = new ArrayList<>(Math.min(count, neighbours.neighbours().size()));
        for (ScoredItem neighbour : neighbours.neighbours()) {
            if (kept.size() == count) {
                break;
            }
            CatalogItem listed = streams.catalogItem(neighbour.itemId());
            boolean available = listed == null || listed.available();
            boolean inCategory = category == null || listed != null && category.equals(listed.category());
            if (available && inCategory) {
                kept.add(neighbour);
            }
        }
        return Optional.of(kept);
    }

    /** One visitor of an audience: their id, whether it is a customer id, their score, and the item that put them there. */
    public record AudienceMember(String id, boolean customer, double score, String because) {
    }

    /**
     * The visitors this instance holds who are most likely to want an item: those whose recent
     * items are the item itself or its neighbours, each recent item counting with its similarity to
     * the item (1 for the item itself), the visitor's strongest action on it, and its recency
     * (1 / (1 + position), newest first). Visitors who bought the item are left out; anonymous
     * visitors only when asked for. Best first. A scan of the local histories: a marketing query,
     * not a per-page one.
     */
    public List<AudienceMember> audience(String itemId, int count, boolean includeAnonymous) {
        Map<String, Double> similarity = new java.util.HashMap<>();
        streams.neighbours(itemId).neighbours().forEach(n -> similarity.put(n.itemId(), n.score()));
        similarity.put(itemId, 1.0);
        TopK top = new TopK(count);
        streams.forEachLocalHistory((key, history) -> {
            boolean customer = VisitorKey.isCustomer(key);
            if (!customer && !includeAnonymous || history.purchased().contains(itemId)) {
                return;
            }
            double score = 0;
            double strongest = 0;
            String because = null;
            List<VisitorHistory.RecentItem> recent = history.recent();
            for (int position = 0; position < recent.size(); position++) {
                Double sim = similarity.get(recent.get(position).itemId());
                if (sim != null) {
                    double contribution = sim * recent.get(position).weight() / (1 + position);
                    score += contribution;
                    if (contribution > strongest) {
                        strongest = contribution;
                        because = recent.get(position).itemId();
                    }
                }
            }
            if (score > 0) {
                top.offer(new ScoredItem(key, score, because));
            }
        });
        return top.best().stream().map(s -> new AudienceMember(VisitorKey.idOf(s.itemId()), VisitorKey.isCustomer(s.itemId()),
                s.score(), s.because())).toList();
    }

    /** The most popular items by weighted count, best first; items the catalogue marks unavailable left out. */
    public List<ScoredItem> popular() {
        return popularity().items().popular();
    }

    /** The popular lists and when they were computed. */
    private record Popularity(PopularItems items, long computedAt) {
    }

    /** The popular lists, with a recomputation started in the background when they are due. */
    private Popularity popularity() {
        Popularity current = popularity;
        if (current == null || (current.computedAt() < 0 && streams.state() == KafkaStreams.State.RUNNING)) {
            // the first lists, and the first once the tenant runs after lists read while it restored, are waited for
            synchronized (this) {
                if (popularity == null || (popularity.computedAt() < 0 && streams.state() == KafkaStreams.State.RUNNING)) {
                    popularity = computePopularity();
                }
                return popularity;
            }
        }
        if (System.currentTimeMillis() - current.computedAt() >= POPULAR_REFRESH_MILLIS && refreshing.compareAndSet(false, true)) {
            try {
                LIST_REFRESH.execute(() -> {
                    try {
                        popularity = computePopularity();
                    } catch (RuntimeException e) { // stores not queryable now: the lists in hand stay until the next try
                        LOG.debug("tenant {}: popular lists not recomputed ({})", topics().tenant().value(), e.toString());
                    } finally {
                        refreshing.set(false);
                    }
                });
            } catch (RejectedExecutionException e) {
                refreshing.set(false);
            }
        }
        return current;
    }

    /** Walks the item counts and activity: the most popular items, and those most popular lately (24 h decay). */
    private Popularity computePopularity() {
        long now = System.currentTimeMillis();
        TopK top = new TopK(POPULAR_KEPT);
        streams.forEachItemCount((item, count) -> top.offer(new ScoredItem(item, count)));
        List<ScoredItem> popular = available(top.best());
        long[] clock = {Long.MIN_VALUE};
        streams.forEachItemActivity((item, activity) -> clock[0] = Math.max(clock[0], activity.updatedMillis()));
        TopK lately = new TopK(POPULAR_KEPT);
        streams.forEachItemActivity((item, activity) ->
                lately.offer(new ScoredItem(item, activity.decayed(ActivityWindow.DAY, clock[0]))));
        return new Popularity(PopularItems.of(popular, available(lately.best())), settledAt(now));
    }

    /**
     * When lists computed at {@code now} count as computed: now once the tenant runs, else never,
     * so that lists read from stores still restoring (a start, a rebalance) are recomputed at the next
     * request rather than served for a refresh interval.
     */
    private long settledAt(long now) {
        return streams.state() == KafkaStreams.State.RUNNING ? now : Long.MIN_VALUE / 2;
    }

    /**
     * The items trending in a window, best first: those whose decayed activity in the window most
     * exceeds what their longer baseline predicts ({@link ItemActivity#trend}), as of the tenant's
     * clock (its newest item activity, so replayed history trends as it did then). Only rising
     * items (score above 0), unavailable ones left out; recomputed at most every
     * {@link #POPULAR_REFRESH_MILLIS}.
     */
    public List<ScoredItem> trending(ActivityWindow window) {
        long now = System.currentTimeMillis();
        Ranked last = trending.get(window);
        if (last != null && now - last.computedAt() < POPULAR_REFRESH_MILLIS) {
            return last.items();
        }
        long[] clock = {Long.MIN_VALUE};
        streams.forEachItemActivity((item, activity) -> clock[0] = Math.max(clock[0], activity.updatedMillis()));
        TopK top = new TopK(POPULAR_KEPT);
        streams.forEachItemActivity((item, activity) -> {
            double trend = activity.trend(window, clock[0]);
            if (trend > 0) {
                top.offer(new ScoredItem(item, trend));
            }
        });
        List<ScoredItem> items = available(top.best());
        trending.put(window, new Ranked(items, settledAt(now)));
        return items;
    }

    /** A ranked list and when it was computed. */
    private record Ranked(List<ScoredItem> items, long computedAt) {
    }

    private List<ScoredItem> available(List<ScoredItem> items) {
        return items.stream().filter(item -> {
            CatalogItem listed = streams.catalogItem(item.itemId());
            return listed == null || listed.available();
        }).toList();
    }
}
