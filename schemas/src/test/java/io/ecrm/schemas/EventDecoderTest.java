package io.ecrm.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventDecoderTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final EventDecoder decoder = new EventDecoder();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text.replace('\'', '"'));
    }

    @Test
    void decodesAFullProductViewWithIsoTimestamp() throws Exception {
        EventDecoder.Batch batch = decoder.decodeBatch(json("""
                [{'eventId':'e1','type':'product_view','timestamp':'2025-11-24T10:15:30+01:00',
                  'anonymousId':'anon-7','itemId':'sku-1','price':19.5,'currency':'EUR','url':'/p/sku-1'}]"""));
        assertTrue(batch.valid(), () -> batch.errors().toString());
        ClickEvent event = batch.events().get(0);
        assertEquals(EventType.PRODUCT_VIEW, event.type());
        assertEquals(1_763_975_730_000L, event.timestampMillis());
        assertEquals("a:anon-7", event.visitorKey());
        assertEquals(1, event.quantity());
        assertEquals(19.5, event.price());
    }

    @Test
    void acceptsEpochMillisAndPrefersTheCustomerAsVisitor() throws Exception {
        EventDecoder.Batch batch = decoder.decodeBatch(json("""
                [{'eventId':'e1','type':'purchase','timestamp':1763975730000,'anonymousId':'a','customerId':'c-9',
                  'itemId':'sku-1','quantity':2}]"""));
        assertTrue(batch.valid());
        assertEquals("c:c-9", batch.events().get(0).visitorKey());
        assertEquals(2, batch.events().get(0).quantity());
    }

    @Test
    void reportsEveryBadFieldOfEveryEventAtOnceAndRefusesTheWholeBatch() throws Exception {
        EventDecoder.Batch batch = decoder.decodeBatch(json("""
                [{'eventId':'ok','type':'page_view','timestamp':1763975730000,'anonymousId':'a'},
                 {'type':'product_view','timestamp':1763975730,'anonymousId':'a','quantity':0,'colour':'red'},
                 {'eventId':'x','type':'teleport','timestamp':'yesterday','price':-1,'currency':'euro'}]"""));
        assertFalse(batch.valid());
        assertTrue(batch.events().isEmpty(), "nothing of a refused batch is kept");
        List<String> pointers = batch.errors().stream().map(FieldError::pointer).toList();
        assertEquals(List.of("/1/colour", "/1/eventId", "/1/timestamp", "/1/itemId", "/1/quantity",
                "/2/type", "/2/timestamp", "/2/customerId", "/2/price", "/2/currency"), pointers);
    }

    @Test
    void decodesAnImpressionAndAClickOnARecommendedItem() throws Exception {
        EventDecoder.Batch batch = decoder.decodeBatch(json("""
                [{'eventId':'i1','type':'impression','timestamp':1763975730000,'anonymousId':'a',
                  'recommendationId':'r-1','placement':'home','itemIds':['sku-2','sku-3']},
                 {'eventId':'i2','type':'impression','timestamp':1763975730000,'anonymousId':'a',
                  'recommendationId':'r-2','itemIds':['sku-4']},
                 {'eventId':'v1','type':'product_view','timestamp':1763975731000,'anonymousId':'a',
                  'itemId':'sku-3','recommendationId':'r-1'}]"""));
        assertTrue(batch.valid(), () -> batch.errors().toString());
        ClickEvent shown = batch.events().get(0);
        assertEquals(EventType.IMPRESSION, shown.type());
        assertEquals(List.of("sku-2", "sku-3"), shown.itemIds());
        assertEquals("home", shown.placement());
        assertEquals(ClickEvent.DEFAULT_PLACEMENT, batch.events().get(1).placement());
        assertEquals("r-1", batch.events().get(2).recommendationId());
        assertEquals(null, batch.events().get(2).placement());
        assertEquals(shown, EventJson.fromBytes(EventJson.toBytes(shown)), "the storage form keeps the new fields");
    }

    @Test
    void namesEveryBadFieldOfAnImpression() throws Exception {
        EventDecoder.Batch batch = decoder.decodeBatch(json("""
                [{'eventId':'i1','type':'impression','timestamp':1763975730000,'anonymousId':'a'},
                 {'eventId':'i2','type':'impression','timestamp':1763975730000,'anonymousId':'a',
                  'recommendationId':'r','itemIds':['x',7,'x','']},
                 {'eventId':'i3','type':'impression','timestamp':1763975730000,'anonymousId':'a',
                  'recommendationId':'r','itemIds':[]},
                 {'eventId':'s','type':'search','timestamp':1763975730000,'anonymousId':'a','query':'tent',
                  'recommendationId':'r','placement':'home','itemIds':['x']}]"""));
        assertFalse(batch.valid());
        List<String> pointers = batch.errors().stream().map(FieldError::pointer).toList();
        assertEquals(List.of("/0/recommendationId", "/0/itemIds", "/1/itemIds/1", "/1/itemIds/2", "/1/itemIds/3",
                "/2/itemIds", "/3/placement", "/3/itemIds", "/3/recommendationId"), pointers);
        assertTrue(batch.errors().get(3).message().contains("repeats"), batch.errors().get(3).message());
    }

    @Test
    void anImpressionShowsAtMostTheLimitOfItems() throws Exception {
        StringBuilder ids = new StringBuilder();
        for (int i = 0; i <= EventDecoder.MAX_SHOWN_ITEMS; i++) {
            ids.append(i == 0 ? "" : ",").append("'i").append(i).append('\'');
        }
        EventDecoder.Batch batch = decoder.decodeBatch(json("[{'eventId':'i','type':'impression','timestamp':1763975730000,"
                + "'anonymousId':'a','recommendationId':'r','itemIds':[" + ids + "]}]"));
        assertEquals(List.of("/0/itemIds"), batch.errors().stream().map(FieldError::pointer).toList());
    }

    @Test
    void refusesAnIsoTimestampBeyondEpochMillis() throws Exception {
        EventDecoder.Batch batch = decoder.decodeBatch(json(
                "[{'eventId':'e','type':'login','timestamp':'+292279894-08-17T07:12:55.807Z','customerId':'c'}]"));
        assertEquals(List.of("/0/timestamp"), batch.errors().stream().map(FieldError::pointer).toList());
    }

    @Test
    void refusesHalfASurrogatePair() throws Exception {
        EventDecoder.Batch batch = decoder.decodeBatch(json(
                "[{'eventId':'e\\uD83D','type':'login','timestamp':1763975730000,'customerId':'c\\uD83D\\uDE00'}]"));
        assertEquals(List.of("/0/eventId"), batch.errors().stream().map(FieldError::pointer).toList(), "a whole pair is fine");
    }

    @Test
    void searchNeedsAQuery() throws Exception {
        EventDecoder.Batch batch = decoder.decodeBatch(json("[{'eventId':'e','type':'search','timestamp':1763975730000,'anonymousId':'a'}]"));
        assertEquals(List.of(new FieldError("/0/query", "is required")), batch.errors());
    }

    @Test
    void refusesABodyThatIsNotAnArray() throws Exception {
        EventDecoder.Batch batch = decoder.decodeBatch(json("{'eventId':'e'}"));
        assertEquals("", batch.errors().get(0).pointer());
    }

    @Test
    void refusesOverlongIdsAndWrongTypes() throws Exception {
        String longId = "x".repeat(EventDecoder.MAX_ID_LENGTH + 1);
        EventDecoder.Batch batch = decoder.decodeBatch(json("[{'eventId':'" + longId
                + "','type':'login','timestamp':1763975730000,'customerId':42}]"));
        assertEquals(List.of("/0/eventId", "/0/customerId"), batch.errors().stream().map(FieldError::pointer).toList());
    }

    @Test
    void aTighterIdLimitRefusesIdsTheSchemaAllowsAndSaysTheLimit() throws Exception {
        EventDecoder strict = new EventDecoder(8);
        EventDecoder.Batch batch = strict.decodeBatch(json("[{'eventId':'e-123456789','type':'product_view',"
                + "'timestamp':1763975730000,'anonymousId':'a','itemId':'sku-12345'}]"));
        assertEquals(List.of(new FieldError("/0/eventId", "must be at most 8 characters"),
                new FieldError("/0/itemId", "must be at most 8 characters")), batch.errors());
        assertTrue(decoder.decodeBatch(json("[{'eventId':'e-123456789','type':'product_view',"
                + "'timestamp':1763975730000,'anonymousId':'a','itemId':'sku-12345'}]")).valid());
    }

    @Test
    void storageFormRoundTrips() {
        ClickEvent event = new ClickEvent("e1", EventType.ADD_TO_CART, 1_763_975_730_000L, "a", "c", "s", "sku", 3,
                9.99, "EUR", "/cart", null, "Mozilla/5.0", null);
        assertEquals(event, EventJson.fromBytes(EventJson.toBytes(event)));
    }

    @Test
    void refusesControlCharactersInText() throws Exception {
        EventDecoder.Batch batch = decoder.decodeBatch(json("[{'eventId':'e\\u0000','type':'login','timestamp':1763975730000,'customerId':'c\\n1'}]"));
        assertEquals(List.of("/0/eventId", "/0/customerId"), batch.errors().stream().map(FieldError::pointer).toList());
    }

    @Test
    void tenantIdsAreSafeForTopicAndPathNames() {
        assertTrue(TenantId.isValid("shop-1"));
        assertFalse(TenantId.isValid("../etc"));
        assertFalse(TenantId.isValid("Shop"));
        assertFalse(TenantId.isValid(""));
    }
}
