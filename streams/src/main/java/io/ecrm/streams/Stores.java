package io.ecrm.streams;

/**
 * Names of every state store, and how each is partitioned. A store partitioned by visitor lives
 * with the visitor's events; one partitioned by item lives with the item's updates; a global store
 * is a full copy on every instance, so a query needs only the visitor's owner.
 */
public final class Stores {
    /** Visitor key -> {@link VisitorRecord}: activity, recent event ids, profile with its open visit, history; partitioned by visitor; RocksDB, changelogged. */
    public static final String VISITORS = "visitors";
    /** Anonymous visitor key -> the customer key it is linked to; partitioned by visitor; RocksDB, changelogged. */
    public static final String IDENTITY_LINKS = "identity-links";
    /** {@code start NUL visitor} -> visit start: open visits by start time, to close them when due; partitioned by visitor; RocksDB, changelogged. */
    public static final String VISIT_EXPIRY = "visit-expiry";
    /** Event id -> event time, the dedup window of earlier versions; only read now ({@link EarlierVisitorStores}); RocksDB window store. */
    public static final String SEEN_EVENT_IDS = "seen-event-ids";
    /** Visitor key -> {@link io.ecrm.streams.cleaning.VisitorActivity} of earlier versions; moved into {@link #VISITORS} at start. */
    public static final String VISITOR_ACTIVITY = "visitor-activity";
    /** Visitor key -> {@link io.ecrm.streams.profile.CustomerProfile} of earlier versions; moved into {@link #VISITORS} at start. */
    public static final String CUSTOMER_PROFILES = "customer-profiles";
    /** Visitor key -> {@link io.ecrm.recommender.VisitorHistory} of earlier versions; moved into {@link #VISITORS} at start. */
    public static final String VISITOR_HISTORY = "visitor-history";
    /**
     * Sequence -> one event's co-occurrence updates, as earlier versions buffered them; partitioned by
     * visitor; in memory, changelogged. Only drained now: updates are summed in memory and sent before each commit.
     */
    public static final String PENDING_ITEM_UPDATES = "pending-item-updates";
    /**
     * {@code placement NUL hour} ({@link io.ecrm.streams.earnings.EarningsKey}) -> what recommendations earned there
     * ({@link io.ecrm.streams.earnings.Earnings}) of the partition's visitors; partitioned by visitor; RocksDB,
     * changelogged. A report adds up every partition's.
     */
    public static final String RECOMMENDATION_EARNINGS = "recommendation-earnings";
    /** Item id -> weighted count (and the partition's running total); partitioned by item; RocksDB, changelogged. */
    public static final String ITEM_WEIGHTS = "item-weights";
    /** {@code item NUL co-item} -> weighted co-occurrence count; partitioned by item; RocksDB, changelogged. */
    public static final String ITEM_PAIRS = "item-pairs";
    /** Item id -> weight of what followed it, {@code item NUL next} -> weight of next following it; partitioned by item; RocksDB, changelogged. */
    public static final String ITEM_FOLLOWS = "item-follows";
    /** Item id -> its follows list ({@link io.ecrm.recommender.ItemNeighbours}); global, RocksDB, restored from its topic. */
    public static final String ITEM_FOLLOWS_GLOBAL = "item-follows-global";
    /** Item id -> {@link io.ecrm.streams.items.ItemActivity}: events by kind and decayed counts; partitioned by item; RocksDB, changelogged. */
    public static final String ITEM_ACTIVITY = "item-activity";
    /** Item id -> {@link io.ecrm.streams.items.ItemActivity} as last published; global, RocksDB, restored from its topic. */
    public static final String ITEM_ACTIVITY_GLOBAL = "item-activity-global";
    /** Item id -> time marked: items changed since their lists were computed (how much, in memory); partitioned by item; RocksDB, changelogged. */
    public static final String DIRTY_ITEMS = "dirty-items";
    /** Item id -> weighted count, plus one partial total per item partition; global, in memory, restored from its topic. */
    public static final String ITEM_COUNTS = "item-counts";
    /** Item id -> {@link io.ecrm.schemas.CatalogItem}; global, RocksDB, restored from the catalogue topic. */
    public static final String CATALOG = "catalog";
    /** Item id -> {@link io.ecrm.recommender.ItemNeighbours}; global, RocksDB, restored from its topic. */
    public static final String ITEM_NEIGHBOURS = "item-neighbours";

    /** Key prefix of the per-partition totals in {@link #ITEM_COUNTS}; ids cannot hold control characters. */
    public static final String TOTAL_PREFIX = "\u0000total/";
    /** Key of a partition's running total in {@link #ITEM_WEIGHTS}. */
    public static final String PARTITION_TOTAL = "\u0000total";

    private Stores() {
    }
}
