package io.ecrm.recommender.tuning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.ecrm.recommender.RecommenderSettings;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServingKnobsTest {
    @Test
    void storedValuesGiveBackTheSameServingSettingsOnAnyBase() {
        RecommenderSettings fitted = Baselines.sPop(RecommenderSettings.DEFAULTS).withQueryItems(3);
        Map<String, Double> stored = ServingKnobs.values(fitted);
        assertEquals(ServingKnobs.EVERY.size(), stored.size());
        assertEquals(fitted, ServingKnobs.withValues(RecommenderSettings.DEFAULTS, stored));
        assertNotEquals(RecommenderSettings.DEFAULTS, fitted);
    }

    @Test
    void unknownNamesAreLeftOutAndMissingKnobsKeepTheBase() {
        Map<String, Double> stored = new LinkedHashMap<>();
        stored.put("ranking.repeatWeight", 2.0);
        stored.put("ranking.knobOfAnotherVersion", 7.0);
        RecommenderSettings applied = ServingKnobs.withValues(RecommenderSettings.DEFAULTS, stored);
        assertEquals(2.0, applied.ranking().repeatWeight());
        assertEquals(RecommenderSettings.DEFAULTS.ranking().withWeights(
                RecommenderSettings.DEFAULTS.ranking().sessionNeighboursWeight(), 2.0,
                RecommenderSettings.DEFAULTS.ranking().followsWeight(), RecommenderSettings.DEFAULTS.ranking().similarItemsWeight(),
                RecommenderSettings.DEFAULTS.ranking().popularityWeight()), applied.ranking());
    }
}
