package io.ecrm.recommender;

import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * An item's scored neighbour list, best first: what the recommender reads at query time. The same
 * record holds both item-to-item lists: similar items ({@link #score}, from co-occurrence counts)
 * and the items that follow it ({@link #follows}, from the sequential counts).
 */
public record ItemNeighbours(List<ScoredItem> neighbours) {
    public static final ItemNeighbours NONE = new ItemNeighbours(List.of());

    public ItemNeighbours {
        neighbours = List.copyOf(neighbours);
    }

    /** {@link #score(ItemCooccurrence, ToDoubleFunction, double, int, Similarity)} by {@link Similarity#LLR}. */
    public static ItemNeighbours score(ItemCooccurrence item, ToDoubleFunction<String> weightOf, double total,
                                      int maxNeighbours) {
        return score(item, weightOf, total, maxNeighbours, Similarity.LLR);
    }

    /**
     * Scores every co-item j of item i by the similarity of [k11 = co(i,j), ni = n(i), nj = n(j)],
     * where nj is at least k11 (weighted pair counts can run ahead of a co-item's published
     * count), and keeps the {@code maxNeighbours} best with a positive score.
     *
     * @param weightOf the weighted count of a co-item; 0 when not known yet
     * @param total    the weighted count of all items of the tenant
     */
    public static ItemNeighbours score(ItemCooccurrence item, ToDoubleFunction<String> weightOf, double total,
                                      int maxNeighbours, Similarity similarity) {
        TopK top = new TopK(maxNeighbours);
        double ni = item.weight();
        for (Map.Entry<String, Double> co : item.coWeights().entrySet()) {
            double k11 = co.getValue();
            double nj = Math.max(weightOf.applyAsDouble(co.getKey()), k11);
            double score = similarity.score(k11, ni, nj, total);
            if (score > 0.0) {
                top.offer(new ScoredItem(co.getKey(), score));
            }
        }
        return new ItemNeighbours(top.best());
    }

    /**
     * The items that followed item i, scored by their share of what followed it:
     * share(j) = follow(i, j) / sum over k of follow(i, k), where {@code item} holds i's follow
     * counts (its weight being that sum, see {@link VisitorHistory.Observed#follows}). Keeps the
     * {@code maxFollowers} largest shares.
     */
    public static ItemNeighbours follows(ItemCooccurrence item, int maxFollowers) {
        TopK top = new TopK(maxFollowers);
        double sum = item.weight();
        if (sum <= 0.0) {
            return NONE;
        }
        item.coWeights().forEach((next, weight) -> {
            if (weight > 0.0) {
                top.offer(new ScoredItem(next, Math.min(1.0, weight / sum)));
            }
        });
        return new ItemNeighbours(top.best());
    }
}
