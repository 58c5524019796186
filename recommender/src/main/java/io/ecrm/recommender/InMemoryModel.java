package io.ecrm.recommender;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every source of {@link RecommenderSources} kept in memory and learned one event at a time by the
 * functions the streaming topology calls: {@link VisitorHistory#observe} turns an event into
 * co-occurrence and follow updates, {@link ItemCooccurrence#apply} adds them per item,
 * {@link #refresh} scores the lists as the topology's refresh does ({@link ItemCooccurrence#prune},
 * {@link ItemNeighbours#score}, {@link ItemNeighbours#follows}), and
 * {@link InMemorySessionIndex#observe} indexes the click. Used by offline evaluation and by tests
 * that compare the two paths. Not thread-safe.
 */
public final class InMemoryModel {
    private static final int POPULAR_KEPT = 500;

    private final RecommenderSettings settings;
    private final Map<String, String> canonical = new HashMap<>(); // one String per item id: cheap equality downstream
    private final Map<String, VisitorHistory> histories = new HashMap<>();
    private final Map<String, ItemCooccurrence> cooccurrence = new HashMap<>();
    private final Map<String, ItemCooccurrence> follows = new HashMap<>();
    private final Map<String, DecayedCount> recentCounts = new HashMap<>();
    private final Set<String> changed = new HashSet<>();
    private final InMemorySessionIndex sessions;
    private final Map<String, ItemNeighbours> similarLists = new HashMap<>();
    private final Map<String, ItemNeighbours> followLists = new HashMap<>();
    private PopularItems popularity = PopularItems.NONE;
    private double total;
    private long newestMillis = Long.MIN_VALUE;

    public InMemoryModel(RecommenderSettings settings) {
        this.settings = settings;
        this.sessions = new InMemorySessionIndex(settings.sessionKnn());
    }

    /**
     * One product event.
     *
     * @param visitorKey whose history it extends (co-occurrence pairs stay within a visitor's window)
     * @param sessionId  the visit it belongs to, for the session index; null to leave it out of the index
     */
    public void observe(String visitorKey, String sessionId, String item, EventKind kind, long timestampMillis) {
        String itemId = canonical.computeIfAbsent(item, id -> id);
        VisitorHistory history = histories.getOrDefault(visitorKey, VisitorHistory.EMPTY);
        VisitorHistory.Observed observed = history.observe(itemId, kind, timestampMillis, settings);
        histories.put(visitorKey, observed.history());
        for (ItemUpdate update : observed.updates()) {
            cooccurrence.computeIfAbsent(update.itemId(), k -> new ItemCooccurrence())
                    .apply(update, settings.maxCandidatesPerItem());
            total += update.ownWeight();
            changed.add(update.itemId());
            if (update.ownWeight() > 0) {
                recentCounts.put(update.itemId(), recentCounts.getOrDefault(update.itemId(), DecayedCount.ZERO)
                        .add(update.ownWeight(), timestampMillis, halfLife()));
            }
        }
        for (ItemUpdate update : observed.follows()) {
            follows.computeIfAbsent(update.itemId(), k -> new ItemCooccurrence())
                    .apply(update, settings.maxCandidatesPerItem());
            changed.add(update.itemId());
        }
        if (sessionId != null && settings.weightOf(kind) > 0) {
            sessions.observe(sessionId, itemId, timestampMillis);
        }
        newestMillis = Math.max(newestMillis, timestampMillis);
    }

    private long halfLife() {
        return settings.ranking().trendingHalfLifeMillis();
    }

    /** Scores the lists of the items changed since the last refresh, and the popular and trending lists. */
    public void refresh() {
        for (String itemId : changed) {
            ItemCooccurrence item = cooccurrence.get(itemId);
            if (item != null) {
                item.prune(settings.maxCandidatesPerItem());
                similarLists.put(itemId, ItemNeighbours.score(item, this::weightOf, total, settings.maxNeighboursPerItem(),
                        settings.similarity()));
            }
            ItemCooccurrence next = follows.get(itemId);
            if (next != null) {
                next.prune(settings.maxCandidatesPerItem());
                followLists.put(itemId, ItemNeighbours.follows(next, settings.maxNeighboursPerItem()));
            }
        }
        changed.clear();
        TopK popular = new TopK(POPULAR_KEPT);
        cooccurrence.forEach((id, item) -> popular.offer(new ScoredItem(id, item.weight())));
        TopK trending = new TopK(POPULAR_KEPT);
        recentCounts.forEach((id, count) -> trending.offer(new ScoredItem(id, count.valueAt(newestMillis, halfLife()))));
        popularity = PopularItems.of(popular.best(), trending.best());
    }

    private double weightOf(String itemId) {
        ItemCooccurrence item = cooccurrence.get(itemId);
        return item == null ? 0.0 : item.weight();
    }

    /** The similar-items list of an item as of the last {@link #refresh}. */
    public ItemNeighbours similar(String itemId) {
        return similarLists.getOrDefault(itemId, ItemNeighbours.NONE);
    }

    /** The follows list of an item as of the last {@link #refresh}. */
    public ItemNeighbours follows(String itemId) {
        return followLists.getOrDefault(itemId, ItemNeighbours.NONE);
    }

    public VisitorHistory history(String visitorKey) {
        return histories.getOrDefault(visitorKey, VisitorHistory.EMPTY);
    }

    public InMemorySessionIndex sessions() {
        return sessions;
    }

    public PopularItems popularity() {
        return popularity;
    }

    /** Every item with a similar-items list, for tests that compare whole models. */
    public List<String> items() {
        return new ArrayList<>(similarLists.keySet());
    }

    /** This model as a ranking's sources; they read the lists of the latest {@link #refresh}. */
    public RecommenderSources sources(Catalogue catalogue) {
        PopularItems latest = new PopularItems() {
            @Override
            public List<ScoredItem> popular() {
                return popularity.popular();
            }

            @Override
            public List<ScoredItem> trending() {
                return popularity.trending();
            }

            @Override
            public int rank(String itemId) {
                return popularity.rank(itemId);
            }
        };
        return new RecommenderSources(this::similar, this::follows, sessions, latest, catalogue);
    }
}
