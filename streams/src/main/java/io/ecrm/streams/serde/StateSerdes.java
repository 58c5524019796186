package io.ecrm.streams.serde;

import io.ecrm.recommender.EventKind;
import io.ecrm.recommender.ItemNeighbours;
import io.ecrm.recommender.ItemUpdate;
import io.ecrm.recommender.ScoredItem;
import io.ecrm.recommender.ShownItems;
import io.ecrm.recommender.VisitorHistory;
import io.ecrm.schemas.CatalogItem;
import io.ecrm.schemas.ClickEvent;
import io.ecrm.schemas.EventJson;
import io.ecrm.schemas.JsonForm;
import io.ecrm.streams.VisitorRecord;
import io.ecrm.streams.cleaning.RecentEventIds;
import io.ecrm.streams.cleaning.RejectedEvent;
import io.ecrm.streams.cleaning.VisitorActivity;
import io.ecrm.streams.earnings.Earnings;
import io.ecrm.streams.earnings.RecommendationTrail;
import io.ecrm.streams.identity.Routed;
import io.ecrm.streams.items.ItemActivity;
import io.ecrm.streams.items.ItemDelta;
import io.ecrm.streams.items.ItemUpdateSums;
import io.ecrm.streams.items.PendingEvent;
import io.ecrm.streams.profile.CustomerProfile;
import io.ecrm.streams.profile.SessionSummary;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** The serdes of every topic and store of the recommendation topology, in one place. */
public final class StateSerdes {
    private StateSerdes() {
    }

    public static Serde<String> keys() {
        return Serdes.String();
    }

    /** Events keep the JSON storage form of the schema, so any consumer can read the topic. */
    public static Serde<ClickEvent> events() {
        return Serdes.serdeFrom((topic, event) -> event == null ? null : EventJson.toBytes(event),
                (topic, data) -> data == null ? null : EventJson.fromBytes(data));
    }


    private static final JsonForm<RejectedEvent> REJECTED = new JsonForm<>(RejectedEvent.class);

    /** Rejected events are JSON, like the events topic, so an operator can read why with any consumer. */
    public static byte[] rejectedToBytes(RejectedEvent rejected) {
        return REJECTED.toBytes(rejected);
    }

    public static RejectedEvent rejectedFromBytes(byte[] bytes) {
        return REJECTED.fromBytes(bytes);
    }

    /**
     * Profiles are binary: the visitor side reads and writes one whole for every event, and as JSON
     * that was the second largest cost of the stream thread. Profiles stored as JSON (a leading
     * <code>{</code>, which no binary version byte is) are still read.
     */
    public static final Serde<CustomerProfile> CUSTOMER_PROFILE = profiles();

    private static Serde<CustomerProfile> profiles() {
        BinarySerde<CustomerProfile> binary = new BinarySerde<>(1, ProfileForm::write, (in, version) -> ProfileForm.read(in));
        JsonForm<CustomerProfile> json = new JsonForm<>(CustomerProfile.class);
        return Serdes.serdeFrom((topic, profile) -> binary.toBytes(profile), (topic, bytes) ->
                bytes != null && bytes.length > 0 && bytes[0] == '{' ? json.fromBytes(bytes) : binary.fromBytes(bytes));
    }

    /** Catalogue items are JSON, as shops send them. */
    public static final Serde<CatalogItem> CATALOG_ITEM = json(CatalogItem.class);

    /** Session summaries are JSON, for any consumer of the sessions topic. */
    public static final Serde<SessionSummary> SESSION_SUMMARY = json(SessionSummary.class);

    private static <T> Serde<T> json(Class<T> type) {
        JsonForm<T> form = new JsonForm<>(type);
        return Serdes.serdeFrom((topic, value) -> form.toBytes(value), (topic, bytes) -> form.fromBytes(bytes));
    }

    public static final BinarySerde<VisitorActivity> VISITOR_ACTIVITY = new BinarySerde<>(1, (activity, out) -> {
        out.writeLong(activity.second());
        out.writeInt(activity.eventsInSecond());
        out.writeLong(activity.botUntilMillis());
    }, (in, version) -> new VisitorActivity(in.readLong(), in.readInt(), in.readLong()));

    public static Serde<Double> counts() {
        return Serdes.Double();
    }

    /** Version 2 added the ignored showings ({@link ShownItems}); version 1 is still read. */
    public static final BinarySerde<VisitorHistory> VISITOR_HISTORY = new BinarySerde<>(2, StateSerdes::writeHistory,
            StateSerdes::readHistory);

    private static void writeHistory(VisitorHistory history, DataOutputStream out) throws IOException {
        out.writeInt(history.recent().size());
        for (VisitorHistory.RecentItem item : history.recent()) {
            out.writeUTF(item.itemId());
            out.writeDouble(item.weight());
            out.writeLong(item.timestampMillis());
        }
        writeStrings(history.purchased(), out);
        writeVarLong(history.shown().items().size(), out);
        for (ShownItems.Shown item : history.shown().items()) {
            out.writeUTF(item.itemId());
            writeVarLong(item.showings().size(), out);
            long previous = 0;
            for (long at : item.showings()) {
                writeVarLong(at - previous, out); // the first whole, then (newest first) small negative steps
                previous = at;
            }
        }
    }

    private static VisitorHistory readHistory(DataInputStream in, int version) throws IOException {
        int size = in.readInt();
        List<VisitorHistory.RecentItem> recent = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            recent.add(new VisitorHistory.RecentItem(in.readUTF(), in.readDouble(), in.readLong()));
        }
        List<String> purchased = readStrings(in);
        if (version < 2) {
            return new VisitorHistory(recent, purchased);
        }
        int shownSize = (int) readVarLong(in);
        List<ShownItems.Shown> shown = new ArrayList<>(shownSize);
        for (int i = 0; i < shownSize; i++) {
            String itemId = in.readUTF();
            int showings = (int) readVarLong(in);
            List<Long> times = new ArrayList<>(showings);
            long previous = 0;
            for (int t = 0; t < showings; t++) {
                previous += readVarLong(in);
                times.add(previous);
            }
            shown.add(new ShownItems.Shown(itemId, times));
        }
        return new VisitorHistory(recent, purchased, new ShownItems(shown));
    }

    /** The form of a trail, written before it where it may be absent (0): 2 added the experiment exposure. */
    private static final int TRAIL_FORM = 2;

    private static void writeTrailOrNone(RecommendationTrail trail, DataOutputStream out) throws IOException {
        out.writeByte(trail.isEmpty() ? 0 : TRAIL_FORM);
        if (!trail.isEmpty()) {
            writeTrail(trail, out);
        }
    }

    private static RecommendationTrail readTrailOrNone(DataInputStream in) throws IOException {
        int form = in.readUnsignedByte();
        return form == 0 ? null : readTrail(in, form);
    }

    private static void writeTrail(RecommendationTrail trail, DataOutputStream out) throws IOException {
        writeVarLong(trail.shown().size(), out);
        for (RecommendationTrail.Shown shown : trail.shown()) {
            out.writeUTF(shown.recommendationId());
            out.writeUTF(shown.placement());
            out.writeLong(shown.timeMillis());
        }
        writeVarLong(trail.clicks().size(), out);
        for (RecommendationTrail.Click click : trail.clicks()) {
            out.writeUTF(click.recommendationId());
            out.writeUTF(click.itemId());
            out.writeUTF(click.placement());
            out.writeLong(click.timeMillis());
        }
        RecommendationTrail.Exposure exposure = trail.exposure();
        out.writeByte(exposure == null ? 0 : 1);
        if (exposure != null) {
            out.writeByte(exposure.serial());
            out.writeByte(exposure.arm());
            out.writeDouble(exposure.revenue());
            out.writeBoolean(exposure.converted());
        }
    }

    private static RecommendationTrail readTrail(DataInputStream in, int form) throws IOException {
        int shownSize = (int) readVarLong(in);
        List<RecommendationTrail.Shown> shown = new ArrayList<>(shownSize);
        for (int i = 0; i < shownSize; i++) {
            shown.add(new RecommendationTrail.Shown(in.readUTF(), in.readUTF(), in.readLong()));
        }
        int clickSize = (int) readVarLong(in);
        List<RecommendationTrail.Click> clicks = new ArrayList<>(clickSize);
        for (int i = 0; i < clickSize; i++) {
            clicks.add(new RecommendationTrail.Click(in.readUTF(), in.readUTF(), in.readUTF(), in.readLong()));
        }
        RecommendationTrail.Exposure exposure = form >= 2 && in.readUnsignedByte() != 0
                ? new RecommendationTrail.Exposure(in.readUnsignedByte(), in.readUnsignedByte(), in.readDouble(), in.readBoolean())
                : null;
        return new RecommendationTrail(shown, clicks, exposure);
    }

    /** Version of the profile form inside a {@link #VISITOR_RECORD}, written before it. */
    private static final int PROFILE_PART = 1;
    /** Version of the history form inside a {@link #VISITOR_RECORD}, written before it: that of {@link #VISITOR_HISTORY}. */
    private static final int HISTORY_PART = 2;

    /**
     * A visitor's whole record: click rate, then the recent event ids (hash, and time as the
     * difference from the one before, zigzag varint: 10 to 12 bytes an id), then the profile and the
     * history, each absent or its form's version and fields, then (from version 3) the recommendation
     * trail, absent or its fields. Version 1 held the profile and the history as byte arrays of their
     * own serdes; every earlier version is still read.
     */
    public static final BinarySerde<VisitorRecord> VISITOR_RECORD = new BinarySerde<>(3, (visitor, out) -> {
        VisitorActivity activity = visitor.activity();
        out.writeLong(activity.second());
        out.writeInt(activity.eventsInSecond());
        out.writeLong(activity.botUntilMillis());
        RecentEventIds ids = visitor.eventIds();
        writeVarLong(ids.size(), out);
        long previous = 0;
        for (int i = 0; i < ids.size(); i++) {
            out.writeLong(ids.hashAt(i));
            writeVarLong(ids.timeAt(i) - previous, out);
            previous = ids.timeAt(i);
        }
        out.writeByte(visitor.profile() == null ? 0 : PROFILE_PART);
        if (visitor.profile() != null) {
            ProfileForm.write(visitor.profile(), out);
        }
        out.writeByte(visitor.history() == null ? 0 : HISTORY_PART);
        if (visitor.history() != null) {
            writeHistory(visitor.history(), out);
        }
        writeTrailOrNone(visitor.trail(), out);
    }, (in, version) -> {
        VisitorActivity activity = new VisitorActivity(in.readLong(), in.readInt(), in.readLong());
        int size = (int) readVarLong(in);
        long[] hashes = new long[size];
        long[] times = new long[size];
        long previous = 0;
        for (int i = 0; i < size; i++) {
            hashes[i] = in.readLong();
            times[i] = previous + readVarLong(in);
            previous = times[i];
        }
        RecentEventIds ids = RecentEventIds.of(hashes, times);
        if (version == 1) {
            byte[] profile = readBytes(in);
            return new VisitorRecord(activity, ids,
                    profile == null ? null : CUSTOMER_PROFILE.deserializer().deserialize(null, profile),
                    VISITOR_HISTORY.fromBytes(readBytes(in)), null);
        }
        CustomerProfile profile = in.readUnsignedByte() == 0 ? null : ProfileForm.read(in);
        int historyPart = in.readUnsignedByte();
        VisitorHistory history = historyPart == 0 ? null : readHistory(in, historyPart);
        RecommendationTrail trail = version >= 3 ? readTrailOrNone(in) : null;
        return new VisitorRecord(activity, ids, profile, history, trail);
    });

    /**
     * What recommendations earned at one placement in one hour, or in one experiment arm, in one
     * partition. Version 2 added the arm's visitor counts; version 1 is still read.
     */
    public static final BinarySerde<Earnings> EARNINGS = new BinarySerde<>(2, (earnings, out) -> {
        writeVarLong(earnings.impressions(), out);
        writeVarLong(earnings.itemsShown(), out);
        writeVarLong(earnings.clicks(), out);
        writeVarLong(earnings.cartAdds(), out);
        writeVarLong(earnings.purchases(), out);
        out.writeDouble(earnings.revenue());
        writeVarLong(earnings.visitors(), out);
        writeVarLong(earnings.converters(), out);
        out.writeDouble(earnings.revenueSquares());
    }, (in, version) -> {
        Earnings placement = new Earnings(readVarLong(in), readVarLong(in), readVarLong(in), readVarLong(in), readVarLong(in),
                in.readDouble());
        return version < 2 ? placement : placement.plus(new Earnings(0, 0, 0, 0, 0, 0.0, readVarLong(in), readVarLong(in),
                in.readDouble()));
    });

    /** A signed long in 1 to 10 bytes: zigzag, then 7 bits a byte, low first. */
    static void writeVarLong(long value, DataOutputStream out) throws IOException {
        long zigzag = (value << 1) ^ (value >> 63);
        while ((zigzag & ~0x7FL) != 0) {
            out.writeByte((int) ((zigzag & 0x7F) | 0x80));
            zigzag >>>= 7;
        }
        out.writeByte((int) zigzag);
    }

    static long readVarLong(DataInputStream in) throws IOException {
        long zigzag = 0;
        for (int shift = 0; ; shift += 7) {
            int b = in.readUnsignedByte();
            zigzag |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                break;
            }
        }
        return (zigzag >>> 1) ^ -(zigzag & 1);
    }

    /** Version of {@link #ITEM_DELTA}'s form, which {@link #itemSumToBytes} writes too. */
    private static final int ITEM_DELTA_VERSION = 1;

    /** What the visitor side sends the item side for one item. */
    public static final BinarySerde<ItemDelta> ITEM_DELTA = new BinarySerde<>(ITEM_DELTA_VERSION, (delta, out) -> {
        writeUpdate(delta.update(), out);
        writeUpdate(delta.follows(), out);
        out.writeLong(delta.views());
        out.writeLong(delta.carts());
        out.writeLong(delta.purchases());
    }, (in, version) -> new ItemDelta(readUpdate(in), readUpdate(in), in.readLong(), in.readLong(), in.readLong()));

    /**
     * The visitor side's sums for one item, written in the form of {@link #ITEM_DELTA} (which the
     * item side reads) straight from the sums, without building the maps of an {@link ItemDelta}.
     */
    public static byte[] itemSumToBytes(ItemUpdateSums.ItemSum sum) {
        return BinarySerde.write(ITEM_DELTA_VERSION, StateSerdes::writeItemSum, sum);
    }

    private static void writeItemSum(ItemUpdateSums.ItemSum sum, DataOutputStream out) throws IOException {
        out.writeUTF(sum.itemId());
        out.writeDouble(sum.ownWeight());
        out.writeInt(sum.coWeightCount());
        writeEach(sum::forEachCoWeight, out);
        out.writeUTF(sum.itemId());
        out.writeDouble(sum.followWeight());
        out.writeInt(sum.followCount());
        writeEach(sum::forEachFollow, out);
        out.writeLong(sum.views());
        out.writeLong(sum.carts());
        out.writeLong(sum.purchases());
    }

    private static void writeEach(java.util.function.Consumer<java.util.function.ObjDoubleConsumer<String>> weights,
                                  DataOutputStream out) {
        weights.accept((item, weight) -> {
            try {
                out.writeUTF(item);
                out.writeDouble(weight);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    /** One event's updates, waiting to be summed. */
    public static final BinarySerde<PendingEvent> PENDING_EVENT = new BinarySerde<>(1, (event, out) -> {
        out.writeByte(event.kind().ordinal());
        writeUpdates(event.updates(), out);
        writeUpdates(event.follows(), out);
    }, (in, version) -> new PendingEvent(EventKind.values()[in.readUnsignedByte()], readUpdates(in), readUpdates(in)));

    private static void writeUpdates(List<ItemUpdate> updates, DataOutputStream out) throws IOException {
        out.writeInt(updates.size());
        for (ItemUpdate update : updates) {
            writeUpdate(update, out);
        }
    }

    private static List<ItemUpdate> readUpdates(DataInputStream in) throws IOException {
        int size = in.readInt();
        List<ItemUpdate> updates = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            updates.add(readUpdate(in));
        }
        return updates;
    }

    public static final BinarySerde<ItemActivity> ITEM_ACTIVITY = new BinarySerde<>(1, (activity, out) -> {
        out.writeLong(activity.views());
        out.writeLong(activity.carts());
        out.writeLong(activity.purchases());
        out.writeLong(activity.updatedMillis());
        out.writeByte(activity.decayed().length);
        for (double d : activity.decayed()) {
            out.writeDouble(d);
        }
    }, (in, version) -> {
        long views = in.readLong();
        long carts = in.readLong();
        long purchases = in.readLong();
        long updated = in.readLong();
        double[] decayed = new double[in.readUnsignedByte()];
        for (int i = 0; i < decayed.length; i++) {
            decayed[i] = in.readDouble();
        }
        return new ItemActivity(views, carts, purchases, updated, decayed);
    });

    private static void writeUpdate(ItemUpdate update, DataOutputStream out) throws IOException {
        out.writeUTF(update.itemId());
        out.writeDouble(update.ownWeight());
        writeWeights(update.coWeights(), out);
    }

    private static ItemUpdate readUpdate(DataInputStream in) throws IOException {
        return new ItemUpdate(in.readUTF(), in.readDouble(), readWeights(in));
    }

    /** What the visitor side routes to itself: a tag, then the record's own form (events stay JSON). */
    /** Version 2 added the recommendation trail to a move; version 1 is still read. */
    public static final BinarySerde<Routed> ROUTED = new BinarySerde<>(2, (routed, out) -> {
        if (routed instanceof Routed.Event event) {
            out.writeByte('E');
            writeBytes(EventJson.toBytes(event.event()), out);
        } else if (routed instanceof Routed.Link link) {
            out.writeByte('L');
            out.writeUTF(link.customerKey());
        } else if (routed instanceof Routed.Move move) {
            out.writeByte('M');
            writeBytes(CUSTOMER_PROFILE.serializer().serialize(null, move.profile()), out);
            writeBytes(VISITOR_HISTORY.toBytes(move.history()), out);
            writeTrailOrNone(move.trail(), out);
        } else if (routed instanceof Routed.Forget forget) {
            out.writeByte('F');
            out.writeUTF(forget.requestedBy());
        }
    }, (in, version) -> switch (in.readByte()) {
        case 'E' -> new Routed.Event(EventJson.fromBytes(readBytes(in)));
        case 'L' -> new Routed.Link(in.readUTF());
        case 'M' -> new Routed.Move(CUSTOMER_PROFILE.deserializer().deserialize(null, readBytes(in)),
                VISITOR_HISTORY.fromBytes(readBytes(in)), version >= 2 ? readTrailOrNone(in) : null);
        case 'F' -> new Routed.Forget(in.readUTF());
        default -> throw new IllegalStateException("unknown routed record");
    });

    private static void writeBytes(byte[] bytes, DataOutputStream out) throws IOException {
        out.writeInt(bytes == null ? -1 : bytes.length);
        if (bytes != null) {
            out.write(bytes);
        }
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int length = in.readInt();
        return length < 0 ? null : in.readNBytes(length);
    }

    public static final BinarySerde<ItemNeighbours> ITEM_NEIGHBOURS = new BinarySerde<>(1, (item, out) -> {
        out.writeInt(item.neighbours().size());
        for (ScoredItem neighbour : item.neighbours()) {
            out.writeUTF(neighbour.itemId());
            out.writeDouble(neighbour.score());
        }
    }, (in, version) -> {
        int size = in.readInt();
        List<ScoredItem> neighbours = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            neighbours.add(new ScoredItem(in.readUTF(), in.readDouble()));
        }
        return new ItemNeighbours(neighbours);
    });

    static void writeStrings(List<String> strings, DataOutputStream out) throws IOException {
        out.writeInt(strings.size());
        for (String s : strings) {
            out.writeUTF(s);
        }
    }

    static List<String> readStrings(DataInputStream in) throws IOException {
        int size = in.readInt();
        List<String> strings = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            strings.add(in.readUTF());
        }
        return strings;
    }

    private static void writeWeights(Map<String, Double> weights, DataOutputStream out) throws IOException {
        out.writeInt(weights.size());
        for (Map.Entry<String, Double> entry : weights.entrySet()) {
            out.writeUTF(entry.getKey());
            out.writeDouble(entry.getValue());
        }
    }

    private static Map<String, Double> readWeights(DataInputStream in) throws IOException {
        int size = in.readInt();
        Map<String, Double> weights = new HashMap<>(size * 2);
        for (int i = 0; i < size; i++) {
            weights.put(in.readUTF(), in.readDouble());
        }
        return weights;
    }
}
