package io.ecrm.streams.segments;

import static io.ecrm.streams.segments.TestProfiles.DAY;
import static io.ecrm.streams.segments.TestProfiles.NOW;
import static io.ecrm.streams.segments.TestProfiles.anonymous;
import static io.ecrm.streams.segments.TestProfiles.customer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecrm.schemas.EventType;
import io.ecrm.schemas.FieldError;
import io.ecrm.streams.profile.CustomerProfile;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long HOUR = 3_600_000L;

    private static Rule rule(String json) throws Exception {
        RuleParser.Result result = RuleParser.parse(JSON.readTree(json.replace('\'', '"')), "/rule");
        assertTrue(result.ok(), () -> "valid rule, but: " + result.errors());
        return result.rule();
    }

    private static boolean matches(String json, CustomerProfile profile) throws Exception {
        return rule(json).test(ProfileFacts.of(profile), profile, NOW);
    }

    private static List<FieldError> errors(String json) throws Exception {
        RuleParser.Result result = RuleParser.parse(JSON.readTree(json.replace('\'', '"')), "/rule");
        assertNull(result.rule());
        return result.errors();
    }

    /** A spender: 3 orders, 620 revenue, last order 10 days ago, a cart add 2 hours ago with no purchase since. */
    private static final CustomerProfile SPENDER = customer("s").orders(3, 620.0, NOW - 10 * DAY)
            .cart("boots", 1, NOW - 2 * HOUR)
            .item("boots", EventType.ADD_TO_CART, NOW - 2 * HOUR, "shoes")
            .item("boots", EventType.PRODUCT_VIEW, NOW - 3 * HOUR, "shoes")
            .item("sandals", EventType.PRODUCT_VIEW, NOW - 2 * DAY, "shoes")
            .item("clogs", EventType.PRODUCT_VIEW, NOW - 6 * DAY, "shoes")
            .item("hat", EventType.PRODUCT_VIEW, NOW - 6 * DAY, "hats")
            .item("loafers", EventType.PRODUCT_VIEW, NOW - 9 * DAY, "shoes")
            .item("loafers", EventType.PURCHASE, NOW - 10 * DAY, "shoes")
            .category("shoes", 6).category("hats", 1).build();
    /** Someone who added to the cart and then bought. */
    private static final CustomerProfile CONVERTED = customer("c").orders(1, 80.0, NOW - HOUR)
            .cart("scarf", 1, NOW - 3 * HOUR)
            .item("bag", EventType.PURCHASE, NOW - HOUR, "bags")
            .item("bag", EventType.ADD_TO_CART, NOW - 3 * HOUR, "bags").build();
    private static final CustomerProfile BROWSER = anonymous("b").item("clogs", EventType.PRODUCT_VIEW, NOW - DAY, "shoes").build();

    @Test
    void theIssuesExamples() throws Exception {
        String abandoned = "{'all': [{'field': 'lastCartAdd', 'within': '24h'}, {'event': 'purchase', 'since': 'lastCartAdd', 'max': 0}]}";
        assertTrue(matches(abandoned, SPENDER));
        assertFalse(matches(abandoned, CONVERTED), "bought after the cart add");
        assertFalse(matches(abandoned, BROWSER), "never added to the cart");

        String shoesThisWeek = "{'event': 'product_view', 'category': 'shoes', 'within': '7d', 'min': 3}";
        assertTrue(matches(shoesThisWeek, SPENDER), "boots, sandals, clogs within 7 days; loafers are 9 days old");
        assertFalse(matches(shoesThisWeek, BROWSER));
        assertFalse(matches("{'event': 'product_view', 'category': 'shoes', 'within': '7d', 'min': 4}", SPENDER));

        String spent = "{'all': [{'field': 'revenue', 'op': '>', 'value': 500}, {'field': 'lastOrder', 'within': '90d'}]}";
        assertTrue(matches(spent, SPENDER));
        assertFalse(matches(spent, CONVERTED));
    }

    @Test
    void eachComparisonOperator() throws Exception {
        assertTrue(matches("{'field': 'orders', 'op': '>', 'value': 2}", SPENDER));
        assertFalse(matches("{'field': 'orders', 'op': '>', 'value': 3}", SPENDER));
        assertTrue(matches("{'field': 'orders', 'op': '>=', 'value': 3}", SPENDER));
        assertFalse(matches("{'field': 'orders', 'op': '>=', 'value': 4}", SPENDER));
        assertTrue(matches("{'field': 'orders', 'op': '<', 'value': 4}", SPENDER));
        assertFalse(matches("{'field': 'orders', 'op': '<', 'value': 3}", SPENDER));
        assertTrue(matches("{'field': 'orders', 'op': '<=', 'value': 3}", SPENDER));
        assertFalse(matches("{'field': 'orders', 'op': '<=', 'value': 2}", SPENDER));
        assertTrue(matches("{'field': 'orders', 'op': '==', 'value': 3}", SPENDER));
        assertFalse(matches("{'field': 'orders', 'op': '!=', 'value': 3}", SPENDER));
        assertTrue(matches("{'field': 'daysSinceLastOrder', 'op': '==', 'value': 10}", SPENDER));
        assertFalse(matches("{'field': 'daysSinceLastOrder', 'op': '>=', 'value': 0}", BROWSER), "no order: false");
        assertTrue(matches("{'field': 'cartItems', 'op': '==', 'value': 1}", SPENDER));
    }

    @Test
    void textTimeAndLogic() throws Exception {
        assertTrue(matches("{'field': 'topCategory', 'op': '==', 'value': 'shoes'}", SPENDER));
        assertFalse(matches("{'field': 'topCategory', 'op': '!=', 'value': 'shoes'}", SPENDER));
        assertTrue(matches("{'field': 'currency', 'op': '!=', 'value': 'USD'}", SPENDER));
        assertFalse(matches("{'field': 'currency', 'op': '!=', 'value': 'USD'}", BROWSER), "no currency: false");

        assertTrue(matches("{'field': 'lastOrder', 'within': '10d'}", SPENDER));
        assertFalse(matches("{'field': 'lastOrder', 'within': '9d'}", SPENDER));
        assertTrue(matches("{'field': 'lastSeen', 'within': '30m'}", SPENDER));
        assertTrue(matches("{'field': 'firstSeen', 'within': '5w'}", SPENDER));

        String orders3 = "{'field': 'orders', 'op': '==', 'value': 3}";
        String orders1 = "{'field': 'orders', 'op': '==', 'value': 1}";
        assertTrue(matches("{'any': [" + orders1 + ", " + orders3 + "]}", SPENDER));
        assertFalse(matches("{'all': [" + orders1 + ", " + orders3 + "]}", SPENDER));
        assertTrue(matches("{'not': " + orders1 + "}", SPENDER));
        assertFalse(matches("{'not': {'not': " + orders1 + "}}", SPENDER));
    }

    @Test
    void eventCountsByItemAndBounds() throws Exception {
        assertTrue(matches("{'event': 'product_view', 'item': 'loafers'}", SPENDER));
        assertFalse(matches("{'event': 'product_view', 'item': 'loafers', 'within': '8d'}", SPENDER));
        assertTrue(matches("{'event': 'product_view', 'min': 5, 'max': 5}", SPENDER));
        assertFalse(matches("{'event': 'product_view', 'max': 4}", SPENDER));
        assertTrue(matches("{'event': 'remove_from_cart', 'max': 0}", SPENDER));
        assertTrue(matches("{'event': 'purchase', 'since': 'lastCartAdd'}", CONVERTED));
    }

    @Test
    void mistakesAreNamedByPointer() throws Exception {
        assertEquals(List.of(new FieldError("/rule/all/1/field", "unknown field 'spend'; numbers: orders, revenue, "
                        + "sessions, productViews, cartAdds, purchases, searches, cartItems, cartAbandonmentRate, "
                        + "averageVisitMinutes, daysSinceLastSeen, daysSinceFirstSeen, daysSinceLastOrder; text: "
                        + "topCategory, currency, customerId; times: lastSeen, firstSeen, lastOrder, lastCartAdd")),
                errors("{'all': [{'field': 'orders', 'op': '>', 'value': 1}, {'field': 'spend', 'op': '>', 'value': 1}]}"));
        assertEquals(List.of("/rule/op", "/rule/value"),
                pointers(errors("{'field': 'orders', 'op': '=>', 'value': 'many'}")));
        assertEquals(List.of("/rule/within"), pointers(errors("{'field': 'lastOrder', 'within': '3 days'}")));
        assertEquals(List.of("/rule/op"), pointers(errors("{'field': 'topCategory', 'op': '>', 'value': 'x'}")));
        assertEquals(List.of("/rule/colour"), pointers(errors("{'event': 'product_view', 'colour': 'red'}")));
        assertEquals(List.of("/rule/event"), pointers(errors("{'event': 'search'}")));
        assertEquals(List.of("/rule/max"), pointers(errors("{'event': 'purchase', 'min': 3, 'max': 1}")));
        assertEquals(List.of("/rule/since"), pointers(errors("{'event': 'purchase', 'since': 'yesterday'}")));
        assertEquals(List.of("/rule/any"), pointers(errors("{'any': []}")));
        assertEquals(List.of("/rule"), pointers(errors("{'either': []}")));
        assertEquals(List.of("/rule/not/not/not/not/not/not/not/not"), // the ninth level
                pointers(errors("{'not':{'not':{'not':{'not':{'not':{'not':{'not':{'not':{'field':'orders','op':'>','value':1}}}}}}}}}")));
    }

    @Test
    void segmentNamesMustNotClashWithBuiltIns() throws Exception {
        var body = JSON.readTree("{\"rule\": {\"field\": \"orders\", \"op\": \">\", \"value\": 1}}");
        assertEquals(List.of("/name"), pointers(SegmentDefinition.parse("champions", body, "/name", "").errors()));
        assertEquals(List.of("/name"), pointers(SegmentDefinition.parse("cluster-3", body, "/name", "").errors()));
        assertEquals(List.of("/name"), pointers(SegmentDefinition.parse("Big Spenders", body, "/name", "").errors()));
        assertEquals("big-spenders", SegmentDefinition.parse("big-spenders", body, "/name", "").definition().name());
        assertEquals(List.of("/rule"), pointers(SegmentDefinition.parse("x", JSON.readTree("{}"), "/name", "").errors()));
    }

    private static List<String> pointers(List<FieldError> errors) {
        return errors.stream().map(FieldError::pointer).toList();
    }
}
