package io.ecrm.streams;

import io.ecrm.recommender.RecommenderSettings;
import io.ecrm.recommender.VisitorHistory;
import io.ecrm.schemas.CatalogItem;
import io.ecrm.schemas.ClickEvent;
import io.ecrm.schemas.EventType;
import io.ecrm.schemas.VisitorKey;
import io.ecrm.streams.cleaning.BotUserAgents;
import io.ecrm.streams.cleaning.CleaningMetrics;
import io.ecrm.streams.cleaning.CleaningSettings;
import io.ecrm.streams.cleaning.EventScreen;
import io.ecrm.streams.cleaning.RejectReason;
import io.ecrm.streams.cleaning.RejectedEvent;
import io.ecrm.streams.cleaning.VisitorActivity;
import io.ecrm.streams.earnings.Earnings;
import io.ecrm.streams.earnings.EarningsKey;
import io.ecrm.streams.earnings.EarningsReport;
import io.ecrm.streams.earnings.EarningsSums;
import io.ecrm.streams.earnings.RecommendationTrail;
import io.ecrm.streams.identity.Routed;
import io.ecrm.streams.items.ItemUpdateSums;
import io.ecrm.streams.items.PendingEvent;
import io.ecrm.streams.profile.CustomerProfile;
import io.ecrm.streams.profile.SessionSummary;
import io.ecrm.streams.profile.Visit;
import io.ecrm.streams.profile.VisitExpiry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.internals.ProcessorNode;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The visitor side, partitioned by visitor: each event's visitor record ({@link VisitorRecord}) is
 * read once and written once, whatever the event does to it.
 * <ol>
 *   <li><b>Cleaning.</b> Refuses events from the future, events later than the grace period, bots
 *       by user agent ({@link EventScreen}), duplicates within the dedup window (the ids of the
 *       visitor's recent events are in the record) and bots by behaviour ({@link VisitorActivity}).
 *       A refused event goes to {@link #REJECTED} with its reason; nothing is dropped without a trace.</li>
 *   <li><b>Identity.</b> An event naming both a customer and an anonymous id links them: a
 *       {@link Routed.Link} goes to the anonymous id's partition, which records the link in
 *       {@link Stores#IDENTITY_LINKS} and sends the anonymous profile and history to the customer
 *       ({@link Routed.Move}), where they are merged in. A later event of a linked anonymous id goes
 *       on to the customer ({@link Routed.Event}). An anonymous id linked again to another customer
 *       (a shared device) follows the newest link; what it did before stays with the first customer.
 *       Every other event belongs to its own key: most events never leave their task.</li>
 *   <li><b>Profile and visits.</b> The event joins the profile and its open visit; a visit is
 *       written to {@link #SESSIONS} when it closes: when the visitor's next event comes after the
 *       session gap, or once stream time is a gap past its last event ({@link VisitExpiry}).</li>
 *   <li><b>Learning.</b> A product event joins the recommendation history, and its co-occurrence
 *       and follows updates are summed per item in memory ({@link ItemUpdateSums}) and sent to
 *       {@link #ITEM_UPDATES} just before each commit ({@link BeforeCommit}), one record per
 *       distinct item: in the transaction that commits the events they came from, so they are
 *       counted exactly once without a changelogged buffer.</li>
 *   <li><b>Impressions and earnings.</b> An impression adds its items' showings to the history (what
 *       the visitor ignored, for the ranking) and, with the visitor's clicks on recommended items, to
 *       the {@link RecommendationTrail} that says what each event earned; earnings are summed in memory
 *       per placement and hour ({@link EarningsSums}) and added into {@link Stores#RECOMMENDATION_EARNINGS}
 *       just before each commit, in its transaction like the item sums.</li>
 *   <li><b>Erasure.</b> A {@link Routed.Forget} deletes the visitor's record, link and open visit,
 *       and goes on to each anonymous id linked to them.</li>
 * </ol>
 * {@link Stores#PENDING_ITEM_UPDATES} is the buffer of updates as earlier versions kept it: whatever
 * it holds is sent with the next commit and deleted. {@link EarlierVisitorStores} moves the visitor
 * stores of earlier versions into the records.
 */
final class VisitorProcessor implements Processor<String, Object, String, Object> {
    /** The children this processor sends to. */
    static final String REJECTED = "rejected";
    static final String ROUTING = "visitor-routing-sink";
    static final String SESSIONS = "sessions-sink";
    static final String ITEM_UPDATES = "item-updates-sink";
    /** The {@link BeforeCommit} that runs {@link #send()}: holds no data, so it is no store of {@link Stores}. */
    static final String BEFORE_COMMIT = "visitor-commit";
    /** How often, in stream time, visits are checked for closing. */
    static final Duration EXPIRY_CHECK = Duration.ofMinutes(1);
    /**
     * Visitor records kept decoded per task ({@link VisitorRecords}): a few KiB each, so about
     * 10 MiB per task; more than the visitors whose visits go on at once in a task at thousands
     * of events a second ({@code bench ingest}: about 1,000).
     */
    static final int KEPT_RECORDS = 4_096;

    private final CleaningSettings cleaning;
    private final EventScreen screen;
    private final CleaningMetrics metrics;
    private final long sessionGapMillis;
    private final RecommenderSettings settings;
    private ProcessorContext<String, Object> context;
    private ProcessorNode<?, ?, ?, ?> node;
    private KeyValueStore<String, VisitorRecord> visitorStore;
    private VisitorRecords visitors;
    private final DecodedItems<VisitorHistory> histories;
    private final DecodedItems<String> decodedLinks;
    private KeyValueStore<String, String> links;
    private KeyValueStore<String, CatalogItem> catalog;
    private VisitExpiry expiry;
    private EarlierVisitorStores earlier;
    private KeyValueStore<Long, PendingEvent> earlierPending;
    private ItemUpdateSums sums = new ItemUpdateSums();
    private final EarningsSums earnings = new EarningsSums();
    private KeyValueStore<String, Earnings> earningsStore;

    /**
     * @param histories    the visitors' histories kept decoded for queries, which this processor's writes keep current
     * @param decodedLinks the identity links kept for queries, likewise
     */
    VisitorProcessor(StreamsSettings streams, BotUserAgents bots, CleaningMetrics metrics, RecommenderSettings settings,
                     DecodedItems<VisitorHistory> histories, DecodedItems<String> decodedLinks) {
        this.histories = histories;
        this.decodedLinks = decodedLinks;
        this.cleaning = streams.cleaning();
        this.screen = new EventScreen(cleaning, bots);
        this.metrics = metrics;
        this.sessionGapMillis = streams.sessionGapMillis();
        this.settings = settings;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.node = BeforeCommit.currentNode(context);
        this.visitorStore = context.getStateStore(Stores.VISITORS);
        // the store may have been restored from its changelog, or its task may have been elsewhere: what
        // queries kept decoded may not be what it holds now
        histories.clear();
        decodedLinks.clear();
        this.visitors = new VisitorRecords(visitorStore, KEPT_RECORDS, histories);
        this.links = context.getStateStore(Stores.IDENTITY_LINKS);
        this.catalog = context.getStateStore(Stores.CATALOG);
        this.expiry = new VisitExpiry(context.getStateStore(Stores.VISIT_EXPIRY));
        this.earlier = new EarlierVisitorStores(context);
        this.earlierPending = context.getStateStore(Stores.PENDING_ITEM_UPDATES);
        this.sums = new ItemUpdateSums();
        this.earnings.clear();
        this.earningsStore = context.getStateStore(Stores.RECOMMENDATION_EARNINGS);
        context.<BeforeCommit>getStateStore(BEFORE_COMMIT).beforeEachCommit(this::send);
        context.schedule(Duration.ofHours(1), PunctuationType.WALL_CLOCK_TIME, this::dropOldEarnings);
        context.schedule(EXPIRY_CHECK, PunctuationType.STREAM_TIME, this::closeVisits);
    }

    @Override
    public void process(Record<String, Object> record) {
        if (record.key() == null || record.value() == null) {
            return;
        }
        if (earlier.moveInto(visitorStore)) {
            histories.clear(); // written past VisitorRecords
        }
        Object value = record.value();
        if (value instanceof ClickEvent event) {
            clean(record.key(), event, record);
        } else if (value instanceof Routed.Event routed) {
            visitors.put(record.key(), deliver(record.key(), visitors.get(record.key()), routed.event(), record.timestamp()));
        } else if (value instanceof Routed.Link link) {
            link(record.key(), link.customerKey(), record);
        } else if (value instanceof Routed.Move move) {
            merge(record.key(), move);
        } else if (value instanceof Routed.Forget) {
            forget(record.key(), record);
        } else {
            throw new IllegalArgumentException("not a visitor record: " + value.getClass());
        }
    }

    /** Screens an event as it arrives, then hands it to the visitor it belongs to. */
    private void clean(String key, ClickEvent event, Record<String, Object> record) {
        long time = event.timestampMillis();
        Optional<RejectReason> refused = screen.screen(event, context.currentStreamTimeMs(), context.currentSystemTimeMs());
        if (refused.isPresent()) {
            reject(refused.get(), event, record);
            return;
        }
        VisitorRecord visitor = visitors.get(key);
        if (visitor.eventIds().seen(event.eventId(), time, cleaning.dedupWindowMillis())
                || earlier.seen(event.eventId(), time, cleaning.dedupWindowMillis())) {
            reject(RejectReason.DUPLICATE, event, record);
            return;
        }
        // the ids a resend can still meet: the earlier dedup store kept two windows of stream time too
        long streamTime = context.currentStreamTimeMs();
        long keepFrom = streamTime > Long.MIN_VALUE + 2 * cleaning.dedupWindowMillis()
                ? streamTime - 2 * cleaning.dedupWindowMillis() : Long.MIN_VALUE;
        // an impression is the shop's doing, not the visitor's: it does not count to their click rate
        VisitorActivity activity = event.type() == EventType.IMPRESSION ? visitor.activity()
                : visitor.activity().observe(time, cleaning);
        visitor = visitor.withCleaning(activity,
                visitor.eventIds().with(event.eventId(), time, keepFrom, cleaning.eventIdsPerVisitor()));
        if (activity.isBotAt(time)) {
            visitors.put(key, visitor);
            reject(RejectReason.BOT_BEHAVIOUR, event, record);
            return;
        }
        metrics.accepted();
        long cleanTime = Math.min(time, context.currentSystemTimeMs());
        if (event.customerId() != null && event.anonymousId() != null) {
            CustomerProfile customer = visitor.profile();
            if (customer == null || !customer.anonymousIds().contains(event.anonymousId())) {
                route(VisitorKey.anonymous(event.anonymousId()), new Routed.Link(key), record, cleanTime);
            }
        } else if (event.customerId() == null) {
            String customer = links.get(key);
            if (customer != null) {
                visitors.put(key, visitor);
                route(customer, new Routed.Event(event), record, cleanTime);
                return;
            }
        }
        visitors.put(key, deliver(key, visitor, event, cleanTime));
    }

    private void reject(RejectReason reason, ClickEvent event, Record<String, Object> record) {
        metrics.rejected(reason);
        context.forward(record.withValue((Object) new RejectedEvent(reason.code(), event)), REJECTED);
    }

    /**
     * The visitor's record after one of their clean events: profile, visits, history, and the item
     * side's sums; and what the event earned recommendations. An impression changes only the
     * history's showings and the trail: the visitor did nothing.
     */
    private VisitorRecord deliver(String visitorKey, VisitorRecord visitor, ClickEvent event, long timestamp) {
        if (event.type() == EventType.IMPRESSION || event.recommendationId() != null || !visitor.trail().isEmpty()) {
            RecommendationTrail.Observed earned = visitor.trail().observe(event);
            earnings.add(earned.placement(), event.timestampMillis(), earned.earned());
            earnings.addArm(earned.serial(), earned.arm(), earned.armEarned());
            visitor = visitor.withTrail(earned.trail());
        }
        if (event.type() == EventType.IMPRESSION) {
            VisitorHistory history = visitor.history() == null ? VisitorHistory.EMPTY : visitor.history();
            return visitor.withHistory(history.shown(event.itemIds(), event.timestampMillis()));
        }
        CustomerProfile profile = visitor.profile() == null
                ? CustomerProfile.empty(visitorKey, event.timestampMillis()) : visitor.profile();
        CustomerProfile.Applied applied = profile.apply(event, sessionGapMillis, categoryOf(event.itemId()));
        if (applied.closedVisit() != null) {
            emit(applied.profile(), applied.closedVisit(), timestamp);
        }
        expiry.move(visitorKey, profile.openVisit(), applied.profile().openVisit());
        VisitorRecord next = visitor.withProfile(applied.profile());
        if (event.itemId() == null) {
            return next;
        }
        VisitorHistory before = visitor.history();
        return EventKinds.of(event.type()).map(kind -> {
            VisitorHistory.Observed observed = (before == null ? VisitorHistory.EMPTY : before)
                    .observe(event.itemId(), kind, event.timestampMillis(), settings);
            if (!observed.updates().isEmpty() || !observed.follows().isEmpty()) {
                sums.add(kind, observed.updates(), observed.follows());
            }
            return next.withHistory(observed.history());
        }).orElse(next);
    }

    /** The item's catalogue category; null for no item, or an item the catalogue does not list. */
    private String categoryOf(String itemId) {
        CatalogItem item = itemId == null ? null : catalog.get(itemId);
        return item == null ? null : item.category();
    }

    /** At the anonymous id's partition: records the link, and moves the anonymous profile and history to the customer. */
    private void link(String anonymousKey, String customerKey, Record<String, Object> record) {
        if (customerKey.equals(links.get(anonymousKey))) {
            return;
        }
        links.put(anonymousKey, customerKey);
        decodedLinks.changed(anonymousKey, customerKey);
        VisitorRecord visitor = visitors.get(anonymousKey);
        if (visitor.profile() == null && visitor.history() == null && visitor.trail().isEmpty()) {
            return;
        }
        if (visitor.profile() != null) {
            expiry.move(anonymousKey, visitor.profile().openVisit(), null);
        }
        visitors.put(anonymousKey, visitor.withProfile(null).withHistory(null).withTrail(null));
        route(customerKey, new Routed.Move(visitor.profile(), visitor.history(), visitor.trail()), record, record.timestamp());
    }

    /** At the customer's partition: folds an anonymous profile and history in. */
    private void merge(String customerKey, Routed.Move move) {
        VisitorRecord visitor = visitors.get(customerKey);
        if (move.profile() != null) {
            CustomerProfile customer = visitor.profile();
            CustomerProfile merged = customer == null ? move.profile().rekeyed(customerKey, VisitorKey.idOf(customerKey))
                    : customer.merge(move.profile(), sessionGapMillis);
            expiry.move(customerKey, customer == null ? null : customer.openVisit(), merged.openVisit());
            visitor = visitor.withProfile(merged);
        }
        if (move.history() != null) {
            VisitorHistory customer = visitor.history();
            visitor = visitor.withHistory(customer == null ? move.history() : customer.merge(move.history(), settings));
        }
        visitor = visitor.withTrail(visitor.trail().merge(move.trail()));
        visitors.put(customerKey, visitor);
    }

    /**
     * Erases the visitor: record (profile, history, click rate, event ids), open visit and identity
     * link, each delete a tombstone on its changelog; then the anonymous ids linked to them.
     */
    private void forget(String visitorKey, Record<String, Object> record) {
        CustomerProfile profile = visitors.get(visitorKey).profile();
        if (profile != null) {
            expiry.move(visitorKey, profile.openVisit(), null);
        }
        visitors.delete(visitorKey);
        links.delete(visitorKey);
        decodedLinks.changed(visitorKey, null);
        for (String anonymousId : profile == null ? List.<String>of() : profile.anonymousIds()) {
            route(VisitorKey.anonymous(anonymousId), new Routed.Forget("linked to " + visitorKey), record, record.timestamp());
        }
    }

    private void route(String key, Routed value, Record<String, Object> record, long timestamp) {
        context.forward(record.withKey(key).withValue((Object) value).withTimestamp(timestamp), ROUTING);
    }

    /** Closes the open visits whose last event is more than the gap behind stream time. */
    @Override
    public void close() {
        histories.clear(); // the task is closing, maybe to move to another instance: its visitors may not be here next
        decodedLinks.clear();
    }

    private void closeVisits(long streamTime) {
        long due = streamTime - sessionGapMillis;
        if (due <= 0) {
            return;
        }
        if (earlier.moveInto(visitorStore)) {
            histories.clear(); // written past VisitorRecords
        }
        for (VisitExpiry.Candidate candidate : expiry.startedBy(due)) {
            VisitorRecord visitor = visitors.get(candidate.visitorKey());
            Visit open = visitor.profile() == null ? null : visitor.profile().openVisit();
            boolean same = open != null && open.startMillis() == candidate.startMillis();
            if (same && open.endMillis() + sessionGapMillis >= streamTime) {
                expiry.kept(candidate);
                continue; // still going on
            }
            expiry.closed(candidate);
            if (same) {
                CustomerProfile.Applied closed = visitor.profile().closeVisit();
                visitors.put(candidate.visitorKey(), visitor.withProfile(closed.profile()));
                emit(closed.profile(), closed.closedVisit(), streamTime);
            }
        }
    }

    private void emit(CustomerProfile profile, Visit visit, long timestamp) {
        context.forward(new Record<>(profile.visitorKey(), (Object) SessionSummary.of(profile, visit), timestamp), SESSIONS);
    }

    /**
     * Sends the updates summed since the last commit, one record per item, and adds the earnings
     * summed since then into the store, one write per placement and hour.
     */
    private void send() {
        if (earlierPending.approximateNumEntries() > 0) { // an in-memory store: its size, exactly
            takeEarlierPending();
        }
        // stamped with the task's event time, not the wall clock: the item side's clock stays event time too
        long timestamp = context.currentStreamTimeMs() >= 0 ? context.currentStreamTimeMs() : context.currentSystemTimeMs();
        if (!earnings.isEmpty()) {
            BeforeCommit.asNode(context, node, timestamp, this::addEarnings);
        }
        if (sums.isEmpty()) {
            return;
        }
        for (ItemUpdateSums.ItemSum sum : sums.sums()) {
            BeforeCommit.send(context, node, new Record<>(sum.itemId(), (Object) sum, timestamp), ITEM_UPDATES);
        }
        sums = new ItemUpdateSums();
    }

    private void addEarnings() {
        for (Map.Entry<String, Earnings> sum : earnings.sums().entrySet()) {
            Earnings stored = earningsStore.get(sum.getKey());
            earningsStore.put(sum.getKey(), stored == null ? sum.getValue() : stored.plus(sum.getValue()));
            EarningsKey key = EarningsKey.parse(sum.getKey());
            if (!key.isArm()) {
                metrics.earned(key.placement(), sum.getValue());
            }
        }
        earnings.clear();
    }

    /** Deletes the earnings of hours more than {@link EarningsReport#KEPT} behind the wall clock (an experiment arm's stay: at most 255 experiments' worth). */
    private void dropOldEarnings(long wallClock) {
        long oldest = wallClock - EarningsReport.KEPT.toMillis();
        List<String> old = new ArrayList<>();
        try (KeyValueIterator<String, Earnings> it = earningsStore.all()) {
            while (it.hasNext()) {
                String key = it.next().key;
                EarningsKey parsed = EarningsKey.parse(key);
                if (!parsed.isArm() && parsed.hourStartMillis() < oldest) {
                    old.add(key);
                }
            }
        }
        old.forEach(earningsStore::delete);
    }

    /** Adds what an earlier version left in its changelogged buffer to the sums, and empties the buffer. */
    private void takeEarlierPending() {
        List<Long> taken = new ArrayList<>();
        try (KeyValueIterator<Long, PendingEvent> it = earlierPending.all()) {
            while (it.hasNext()) {
                KeyValue<Long, PendingEvent> entry = it.next();
                sums.add(entry.value.kind(), entry.value.updates(), entry.value.follows());
                taken.add(entry.key);
            }
        }
        taken.forEach(earlierPending::delete);
    }
}
