package io.ecrm.recommender;

import java.util.Map;

/**
 * What one visitor event adds to one item's counts: its own weight (popularity) and the weights of
 * the items it was seen together with. Produced per visitor, applied per item.
 */
public record ItemUpdate(String itemId, double ownWeight, Map<String, Double> coWeights) {
    public ItemUpdate {
        coWeights = Map.copyOf(coWeights);
    }
}
