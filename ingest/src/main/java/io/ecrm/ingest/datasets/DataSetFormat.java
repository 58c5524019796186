package io.ecrm.ingest.datasets;

import io.ecrm.schemas.ClickEvent;
import io.ecrm.schemas.EventDecoder;
import io.ecrm.schemas.EventType;
import io.ecrm.schemas.FieldError;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The public data-set formats ecrm replays and evaluates on, each a line parser. Every event is
 * checked by the one validator's rules (built as a {@link ClickEvent}, whose ids and times the
 * parsers bound the same way) and gets a deterministic id from its file and line.
 */
public enum DataSetFormat {
    /** {@code SessionId<TAB>ItemId<TAB>Time} with a header, Time in Unix seconds (session-rec's prepared files). */
    SESSION_TSV("session-tsv", true, DataSetFormat::sessionTsv),
    /** RecSys Challenge 2015: clicks {@code SessionId,Timestamp,ItemId,Category}, buys {@code SessionId,Timestamp,ItemId,Price,Quantity}. */
    YOOCHOOSE("yoochoose", false, DataSetFormat::yoochoose),
    /** CIKM Cup 2016 {@code train-item-views.csv}: {@code session_id;user_id;item_id;timeframe;eventdate} with a header. */
    DIGINETICA("diginetica", true, DataSetFormat::diginetica),
    /** RetailRocket {@code events.csv}: {@code timestamp,visitorid,event,itemid,transactionid} with a header, epoch ms. */
    RETAILROCKET("retailrocket", true, DataSetFormat::retailrocket),
    /** One event a line in ecrm's own schema (clickstream-event.v1.json). */
    JSONL("jsonl", false, DataSetFormat::jsonl);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final EventDecoder DECODER = new EventDecoder();

    private final String id;
    private final boolean header;
    private final LineParser parser;

    DataSetFormat(String id, boolean header, LineParser parser) {
        this.id = id;
        this.header = header;
        this.parser = parser;
    }

    public String id() {
        return id;
    }

    /** True when the first line of a file is a header, not data. */
    public boolean hasHeader() {
        return header;
    }

    public DataSetLine parse(String line, long lineNumber, String source) {
        try {
            return parser.parse(line, lineNumber, source);
        } catch (IllegalArgumentException e) {
            return DataSetLine.rejected(lineNumber, e.getMessage());
        }
    }

    public static Optional<DataSetFormat> byId(String id) {
        return Arrays.stream(values()).filter(f -> f.id.equals(id)).findFirst();
    }

    /** The format of that id; an unknown id is a usage error naming the known ones. */
    public static DataSetFormat named(String id) {
        return byId(id).orElseThrow(() -> new IllegalArgumentException("unknown format '" + id + "'; known: " + ids()));
    }

    public static String ids() {
        return String.join(", ", Arrays.stream(values()).map(DataSetFormat::id).toList());
    }

    private static String[] fields(String line, char separator, int min, String layout) {
        List<String> parts = new ArrayList<>(6);
        int start = 0;
        for (int i = 0; i <= line.length(); i++) {
            if (i == line.length() || line.charAt(i) == separator) {
                parts.add(line.substring(start, i).strip());
                start = i + 1;
            }
        }
        if (parts.size() < min) {
            throw new IllegalArgumentException("expected " + layout + ", found " + parts.size() + " field(s)");
        }
        return parts.toArray(String[]::new);
    }

    private static String id(String value, String name) {
        if (value.isEmpty() || value.length() > EventDecoder.MAX_ID_LENGTH || value.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("bad " + name + " '" + value + "'");
        }
        return value;
    }

    private static long time(long millis) {
        if (millis < EventDecoder.MIN_TIMESTAMP_MILLIS || millis >= EventDecoder.MAX_TIMESTAMP_MILLIS) {
            throw new IllegalArgumentException("time out of range: " + millis + " ms");
        }
        return millis;
    }

    private static long number(String value, String name) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad " + name + " '" + value + "'");
        }
    }

    private static ClickEvent event(String source, long line, EventType type, long time, String visitor, String session,
                                    String item, int quantity, Double price) {
        return new ClickEvent(source + ":" + line, type, time, visitor, null, session, item, quantity, price, null,
                null, null, null, null);
    }

    private static DataSetLine sessionTsv(String line, long number, String source) {
        String[] f = fields(line, '\t', 3, "SessionId<TAB>ItemId<TAB>Time");
        String session = id(f[0], "SessionId");
        double seconds;
        try {
            seconds = Double.parseDouble(f[2]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad Time '" + f[2] + "'");
        }
        return DataSetLine.of(number, event(source, number, EventType.PRODUCT_VIEW, time(Math.round(seconds * 1000)),
                "s" + session, session, id(f[1], "ItemId"), 1, null));
    }

    private static DataSetLine yoochoose(String line, long number, String source) {
        String[] f = fields(line, ',', 4, "SessionId,Timestamp,ItemId,Category or SessionId,Timestamp,ItemId,Price,Quantity");
        String session = id(f[0], "SessionId");
        long time;
        try {
            time = time(Instant.parse(f[1]).toEpochMilli());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("bad Timestamp '" + f[1] + "'");
        }
        String item = id(f[2], "ItemId");
        if (f.length == 4) {
            return DataSetLine.of(number, event(source, number, EventType.PRODUCT_VIEW, time, "s" + session, session, item, 1, null));
        }
        long price = number(f[3], "Price");
        long quantity = number(f[4], "Quantity");
        // the challenge data records unknown quantities and prices as 0
        return DataSetLine.of(number, event(source, number, EventType.PURCHASE, time, "s" + session, session, item,
                (int) Math.max(1, Math.min(quantity, EventDecoder.MAX_QUANTITY)), price > 0 ? (double) price : null));
    }

    private static DataSetLine diginetica(String line, long number, String source) {
        String[] f = fields(line, ';', 5, "session_id;user_id;item_id;timeframe;eventdate");
        String session = id(f[0], "session_id");
        String visitor = f[1].equals("NA") || f[1].isEmpty() ? "s" + session : "u" + id(f[1], "user_id");
        long day;
        try {
            day = LocalDate.parse(f[4]).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("bad eventdate '" + f[4] + "'");
        }
        long time = time(day + number(f[3], "timeframe"));
        return DataSetLine.of(number, event(source, number, EventType.PRODUCT_VIEW, time, visitor, session,
                id(f[2], "item_id"), 1, null));
    }

    private static DataSetLine retailrocket(String line, long number, String source) {
        String[] f = fields(line, ',', 4, "timestamp,visitorid,event,itemid,transactionid");
        EventType type = switch (f[2]) {
            case "view" -> EventType.PRODUCT_VIEW;
            case "addtocart" -> EventType.ADD_TO_CART;
            case "transaction" -> EventType.PURCHASE;
            default -> throw new IllegalArgumentException("unknown event '" + f[2] + "'");
        };
        return DataSetLine.of(number, event(source, number, type, time(number(f[0], "timestamp")), "v" + id(f[1], "visitorid"),
                null, id(f[3], "itemid"), 1, null));
    }

    private static DataSetLine jsonl(String line, long number, String source) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (Exception e) {
            throw new IllegalArgumentException("not JSON");
        }
        List<FieldError> errors = new ArrayList<>();
        Optional<ClickEvent> event = DECODER.decode(node, "", errors);
        return event.map(e -> DataSetLine.of(number, e)).orElseGet(() -> DataSetLine.rejected(number,
                String.join("; ", errors.stream().map(err -> err.pointer() + " " + err.message()).toList())));
    }
}
