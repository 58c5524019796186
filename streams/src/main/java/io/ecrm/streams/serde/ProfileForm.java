package io.ecrm.streams.serde;

import io.ecrm.schemas.EventType;
import io.ecrm.streams.profile.CustomerProfile;
import io.ecrm.streams.profile.Visit;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The binary form of a {@link CustomerProfile}, field by field in the record's order (version 1
 * of {@link StateSerdes#CUSTOMER_PROFILE}). Strings are bounded by the event schema (ids 128,
 * queries 512 characters), well inside {@link DataOutputStream#writeUTF}'s limit.
 */
final class ProfileForm {
    private static final EventType[] TYPES = EventType.values();

    private ProfileForm() {
    }

    static void write(CustomerProfile p, DataOutputStream out) throws IOException {
        out.writeUTF(p.visitorKey());
        writeNullable(p.customerId(), out);
        StateSerdes.writeStrings(p.anonymousIds(), out);
        out.writeLong(p.firstSeenMillis());
        out.writeLong(p.lastSeenMillis());
        out.writeLong(p.sessions());
        out.writeLong(p.closedVisitMillis());
        out.writeLong(p.visitsWithCart());
        out.writeLong(p.convertedVisits());
        out.writeBoolean(p.openVisit() != null);
        if (p.openVisit() != null) {
            Visit visit = p.openVisit();
            out.writeLong(visit.startMillis());
            out.writeLong(visit.endMillis());
            StateSerdes.writeStrings(visit.items(), out);
            writeTypeCounts(visit.eventsByType(), out);
            out.writeBoolean(visit.cartAdded());
            out.writeBoolean(visit.converted());
            out.writeDouble(visit.revenue());
        }
        writeTypeCounts(p.eventsByType(), out);
        out.writeInt(p.recentItems().size());
        for (CustomerProfile.ProfileItem item : p.recentItems()) {
            out.writeUTF(item.itemId());
            out.writeByte(item.type().ordinal());
            out.writeLong(item.timestampMillis());
            writeNullable(item.category(), out);
        }
        out.writeInt(p.categoryCounts().size());
        for (Map.Entry<String, Long> category : p.categoryCounts().entrySet()) {
            out.writeUTF(category.getKey());
            out.writeLong(category.getValue());
        }
        out.writeLong(p.orders());
        out.writeDouble(p.revenue());
        writeNullable(p.currency(), out);
        writeNullable(p.lastOrderMillis(), out);
        out.writeInt(p.cart().size());
        for (Map.Entry<String, Integer> line : p.cart().entrySet()) {
            out.writeUTF(line.getKey());
            out.writeInt(line.getValue());
        }
        writeNullable(p.lastCartAddMillis(), out);
        StateSerdes.writeStrings(p.recentSearches(), out);
    }

    static CustomerProfile read(DataInputStream in) throws IOException {
        String visitorKey = in.readUTF();
        String customerId = readNullableString(in);
        List<String> anonymousIds = StateSerdes.readStrings(in);
        long firstSeen = in.readLong();
        long lastSeen = in.readLong();
        long sessions = in.readLong();
        long closedVisitMillis = in.readLong();
        long visitsWithCart = in.readLong();
        long convertedVisits = in.readLong();
        Visit openVisit = null;
        if (in.readBoolean()) {
            openVisit = new Visit(in.readLong(), in.readLong(), StateSerdes.readStrings(in), readTypeCounts(in), in.readBoolean(),
                    in.readBoolean(), in.readDouble());
        }
        Map<EventType, Long> eventsByType = readTypeCounts(in);
        int items = in.readInt();
        List<CustomerProfile.ProfileItem> recentItems = new ArrayList<>(items);
        for (int i = 0; i < items; i++) {
            recentItems.add(new CustomerProfile.ProfileItem(in.readUTF(), TYPES[in.readUnsignedByte()], in.readLong(),
                    readNullableString(in)));
        }
        int categories = in.readInt();
        Map<String, Long> categoryCounts = new HashMap<>(categories * 2);
        for (int i = 0; i < categories; i++) {
            categoryCounts.put(in.readUTF(), in.readLong());
        }
        long orders = in.readLong();
        double revenue = in.readDouble();
        String currency = readNullableString(in);
        Long lastOrderMillis = readNullableLong(in);
        int lines = in.readInt();
        Map<String, Integer> cart = new HashMap<>(lines * 2);
        for (int i = 0; i < lines; i++) {
            cart.put(in.readUTF(), in.readInt());
        }
        Long lastCartAddMillis = readNullableLong(in);
        return new CustomerProfile(visitorKey, customerId, anonymousIds, firstSeen, lastSeen, sessions, closedVisitMillis,
                visitsWithCart, convertedVisits, openVisit, eventsByType, recentItems, categoryCounts, orders, revenue,
                currency, lastOrderMillis, cart, lastCartAddMillis, StateSerdes.readStrings(in));
    }

    private static void writeTypeCounts(Map<EventType, Long> counts, DataOutputStream out) throws IOException {
        out.writeByte(counts.size());
        for (Map.Entry<EventType, Long> count : counts.entrySet()) {
            out.writeByte(count.getKey().ordinal());
            out.writeLong(count.getValue());
        }
    }

    private static Map<EventType, Long> readTypeCounts(DataInputStream in) throws IOException {
        int size = in.readUnsignedByte();
        Map<EventType, Long> counts = new EnumMap<>(EventType.class);
        for (int i = 0; i < size; i++) {
            counts.put(TYPES[in.readUnsignedByte()], in.readLong());
        }
        return counts;
    }

    private static void writeNullable(String value, DataOutputStream out) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeUTF(value);
        }
    }

    private static String readNullableString(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }

    private static void writeNullable(Long value, DataOutputStream out) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeLong(value);
        }
    }

    private static Long readNullableLong(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readLong() : null;
    }
}
