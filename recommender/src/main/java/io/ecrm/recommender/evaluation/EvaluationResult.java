package io.ecrm.recommender.evaluation;

/**
 * One method's figures on one data set.
 *
 * @param withPrefix     metrics of the lists as answered (prefix items allowed)
 * @param withoutPrefix  metrics of the same lists with the prefix's items removed
 * @param coverage       share of train items recommended at least once in a top 20
 * @param popularityBias mean train popularity of recommended items, as a share of the most popular item's
 */
public record EvaluationResult(String method, RankMetrics withPrefix, RankMetrics withoutPrefix, double coverage,
                               double popularityBias, double recommendationsPerSecond, double p50Micros,
                               double p99Micros) {
}
