package io.ecrm.ingest.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecrm.schemas.ClickEvent;
import io.ecrm.schemas.EventType;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DataSetFormatTest {
    private static ClickEvent parse(DataSetFormat format, String line) {
        DataSetLine parsed = format.parse(line, 7, "file");
        assertTrue(parsed.ok(), () -> "rejected: " + parsed.rejection());
        return parsed.event();
    }

    @Test
    void sessionTsvKeepsSessionItemAndFractionalSeconds() {
        ClickEvent event = parse(DataSetFormat.SESSION_TSV, "3\t214716935\t1396437466.94");
        assertEquals("3", event.sessionId());
        assertEquals("s3", event.anonymousId());
        assertEquals("214716935", event.itemId());
        assertEquals(1_396_437_466_940L, event.timestampMillis());
        assertEquals(EventType.PRODUCT_VIEW, event.type());
        assertEquals("file:7", event.eventId(), "ids come from file and line, so a second replay repeats them");
    }

    @Test
    void yoochooseClicksAndBuysAreToldApartByTheirColumns() {
        ClickEvent click = parse(DataSetFormat.YOOCHOOSE, "1,2014-04-07T10:51:09.277Z,214536502,0");
        assertEquals(EventType.PRODUCT_VIEW, click.type());
        assertEquals(Instant.parse("2014-04-07T10:51:09.277Z").toEpochMilli(), click.timestampMillis());
        ClickEvent buy = parse(DataSetFormat.YOOCHOOSE, "420374,2014-04-06T18:44:58.314Z,214537888,12462,1");
        assertEquals(EventType.PURCHASE, buy.type());
        assertEquals(12462.0, buy.price());
        ClickEvent unknownQuantity = parse(DataSetFormat.YOOCHOOSE, "420374,2014-04-06T18:44:58.314Z,214537888,0,0");
        assertEquals(1, unknownQuantity.quantity());
        assertNull(unknownQuantity.price());
    }

    @Test
    void digineticaAddsTheTimeframeToTheDayAndKnowsAnonymousSessions() {
        ClickEvent anonymous = parse(DataSetFormat.DIGINETICA, "1;NA;81766;526309;2016-05-09");
        assertEquals(Instant.parse("2016-05-09T00:00:00Z").toEpochMilli() + 526_309, anonymous.timestampMillis());
        assertEquals("s1", anonymous.anonymousId());
        ClickEvent known = parse(DataSetFormat.DIGINETICA, "2;5;31331;1031018;2016-05-09");
        assertEquals("u5", known.anonymousId());
        assertEquals("2", known.sessionId());
    }

    @Test
    void retailrocketMapsItsEventNames() {
        assertEquals(EventType.PRODUCT_VIEW, parse(DataSetFormat.RETAILROCKET, "1433221332117,257597,view,355908,").type());
        assertEquals(EventType.ADD_TO_CART, parse(DataSetFormat.RETAILROCKET, "1433224214164,992329,addtocart,248676,").type());
        ClickEvent bought = parse(DataSetFormat.RETAILROCKET, "1433193500981,599528,transaction,356475,4000");
        assertEquals(EventType.PURCHASE, bought.type());
        assertEquals("v599528", bought.anonymousId());
        assertEquals(1_433_193_500_981L, bought.timestampMillis());
    }

    @Test
    void jsonlUsesTheEventSchema() {
        ClickEvent event = parse(DataSetFormat.JSONL,
                "{\"eventId\":\"e1\",\"type\":\"add_to_cart\",\"timestamp\":\"2026-01-05T09:00:00Z\",\"customerId\":\"c1\",\"itemId\":\"sku\"}");
        assertEquals("c:c1", event.visitorKey());
        DataSetLine bad = DataSetFormat.JSONL.parse("{\"eventId\":\"e1\",\"type\":\"add_to_cart\"}", 3, "f");
        assertFalse(bad.ok());
        assertTrue(bad.rejection().contains("/timestamp is required"), bad.rejection());
    }

    @Test
    void badLinesAreRejectedWithTheirReasonNeverThrown() {
        assertEquals("expected SessionId<TAB>ItemId<TAB>Time, found 1 field(s)",
                DataSetFormat.SESSION_TSV.parse("garbage", 1, "f").rejection());
        assertEquals("bad Time 'soon'", DataSetFormat.SESSION_TSV.parse("1\t2\tsoon", 1, "f").rejection());
        assertEquals("time out of range: 1396437466 ms", DataSetFormat.SESSION_TSV.parse("1\t2\t1396437.466", 1, "f").rejection());
        assertEquals("bad Timestamp 'yesterday'", DataSetFormat.YOOCHOOSE.parse("1,yesterday,2,0", 1, "f").rejection());
        assertEquals("unknown event 'like'", DataSetFormat.RETAILROCKET.parse("1433221332117,1,like,2,", 1, "f").rejection());
        assertEquals("not JSON", DataSetFormat.JSONL.parse("{", 1, "f").rejection());
    }
}
