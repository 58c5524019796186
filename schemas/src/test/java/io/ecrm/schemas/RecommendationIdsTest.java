package io.ecrm.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RecommendationIdsTest {
    @Test
    void anIdSaysItsExperimentAndArmAndIsRandomOtherwise() {
        char[] id = new char[RecommendationIds.LENGTH];
        RecommendationIds.write(id, 7, 2, 0xABCDEF123456789AL);
        String text = new String(id);
        assertEquals("0702", text.substring(0, 4));
        assertEquals("123456789a", text.substring(6), "the low 48 random bits");
        assertEquals(7, RecommendationIds.serialOf(text));
        assertEquals(2, RecommendationIds.armOf(text));
        RecommendationIds.write(id, RecommendationIds.MAX_SERIAL, RecommendationIds.MAX_ARM, -1L);
        assertEquals(255, RecommendationIds.serialOf(new String(id)));
        assertEquals(254, RecommendationIds.armOf(new String(id)));
    }

    @Test
    void anIdOutsideAnExperimentOrOfAnotherFormIsInNone() {
        char[] id = new char[RecommendationIds.LENGTH];
        RecommendationIds.write(id, 0, 0, 42L);
        assertTrue(new String(id).startsWith("0000"));
        assertEquals(0, RecommendationIds.serialOf(new String(id)));
        assertEquals(0, RecommendationIds.serialOf("shop-list-17"));
        assertEquals(0, RecommendationIds.serialOf("0702ABCDEF123456"), "upper case is not the engine's");
        assertEquals(0, RecommendationIds.serialOf(null));
    }
}
