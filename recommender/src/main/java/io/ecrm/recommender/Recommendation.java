package io.ecrm.recommender;

import java.util.List;

/**
 * One recommended item with its score and why.
 *
 * @param because     the visitor's item behind the largest contribution (null for the popularity fill)
 * @param explanation each source's contribution, largest first; empty unless the query asked to explain
 */
public record Recommendation(String itemId, double score, String because, List<Contribution> explanation) {
    public Recommendation {
        explanation = List.copyOf(explanation);
    }

    public ScoredItem toScoredItem() {
        return new ScoredItem(itemId, score, because);
    }
}
