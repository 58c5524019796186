package io.ecrm.recommender;

import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * An item's scored neighbour list, best first: what the recommender reads at query time. Built
 * from the item's co-occurrence counts, the counts of its co-items and the tenant's total.
 */
public record ItemNeighbours(List<ScoredItem> neighbours) {
    public static final ItemNeighbours NONE = new ItemNeighbours(List.of());

    public ItemNeighbours {
        neighbours = List.copyOf(neighbours);
    }

    /**
     * Scores every co-item j of item i by the LLR similarity of the table
     * [k11 = co(i,j), k12 = n(i) - k11, k21 = n(j) - k11, k22 = total - n(i) - n(j) + k11],
     * clamping cells at 0 (weighted pair counts can exceed weighted item counts), and keeps the
     * {@code maxNeighbours} best.
     *
     * @param weightOf the weighted count of a co-item; 0 when not known yet
     * @param total    the weighted count of all items of the tenant
     */
    public static ItemNeighbours score(ItemCooccurrence item, ToDoubleFunction<String> weightOf, double total,
                                       int maxNeighbours) {
        TopK top = new TopK(maxNeighbours);
        double ni = item.weight();
        for (Map.Entry<String, Double> co : item.coWeights().entrySet()) {
            double k11 = co.getValue();
            double nj = Math.max(weightOf.applyAsDouble(co.getKey()), k11);
            double k12 = Math.max(0.0, ni - k11);
            double k21 = Math.max(0.0, nj - k11);
            double k22 = Math.max(0.0, Math.max(total, ni + nj) - ni - nj + k11);
            double similarity = LogLikelihood.similarity(LogLikelihood.ratio(k11, k12, k21, k22));
            if (similarity > 0.0) {
                top.offer(new ScoredItem(co.getKey(), similarity));
            }
        }
        return new ItemNeighbours(top.best());
    }
}
