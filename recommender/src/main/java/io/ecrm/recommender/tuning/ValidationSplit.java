package io.ecrm.recommender.tuning;

import io.ecrm.recommender.evaluation.Click;
import io.ecrm.recommender.evaluation.EvaluationData;
import io.ecrm.recommender.evaluation.Session;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A tenant's closed visits split for a fit: the visits that started in the last day are validation
 * (at least the latest {@link FitSettings#minValidationVisits}, at most a
 * {@link FitSettings#maxValidationShare} of all, the latest), the visits that started before them
 * train. Both are cleaned by the protocol of {@code EVALUATION.md} (validation by what train knows),
 * and the validation visits scored are thinned evenly to {@link FitSettings#maxValidationPrefixes}.
 *
 * @param data        train and the validation visits scored, as the evaluator reads them
 * @param visits      visits of two or more clicks before the split
 * @param validation  visits taken as validation, before cleaning and thinning
 */
public record ValidationSplit(EvaluationData data, int visits, int validation) {

    public static ValidationSplit of(List<Click> clicks, FitSettings settings) {
        Map<String, long[]> span = new HashMap<>(); // session -> {first click, clicks}
        long newest = Long.MIN_VALUE;
        for (Click c : clicks) {
            long[] s = span.computeIfAbsent(c.sessionId(), id -> new long[] {Long.MAX_VALUE, 0});
            s[0] = Math.min(s[0], c.timestampMillis());
            s[1]++;
            newest = Math.max(newest, c.timestampMillis());
        }
        List<Map.Entry<String, long[]>> visits = new ArrayList<>();
        for (Map.Entry<String, long[]> e : span.entrySet()) {
            if (e.getValue()[1] >= 2) {
                visits.add(e);
            }
        }
        visits.sort(Comparator.comparingLong((Map.Entry<String, long[]> e) -> e.getValue()[0]).thenComparing(Map.Entry::getKey));
        int n = visits.size();
        long from = newest - settings.validationWindowMillis();
        int inWindow = 0;
        for (int i = n - 1; i >= 0 && visits.get(i).getValue()[0] > from; i--) {
            inWindow++;
        }
        int most = (int) Math.floor(n * settings.maxValidationShare());
        int count = Math.min(most, Math.max(inWindow, settings.minValidationVisits()));
        Set<String> validation = new HashSet<>();
        for (int i = n - count; i < n; i++) {
            validation.add(visits.get(i).getKey());
        }
        List<Click> train = new ArrayList<>();
        List<Click> test = new ArrayList<>();
        for (Click c : clicks) {
            (validation.contains(c.sessionId()) ? test : train).add(c);
        }
        EvaluationData prepared = EvaluationData.prepare(train, test, true);
        return new ValidationSplit(thinned(prepared, settings.maxValidationPrefixes()), n, count);
    }

    /** Every k-th validation visit, k the smallest that brings the prefixes under the cap. */
    private static EvaluationData thinned(EvaluationData data, int maxPrefixes) {
        long prefixes = data.prefixes();
        if (prefixes <= maxPrefixes) {
            return data;
        }
        int stride = (int) Math.ceil(prefixes / (double) maxPrefixes);
        List<Session> kept = new ArrayList<>();
        for (int i = 0; i < data.test().size(); i += stride) {
            kept.add(data.test().get(i));
        }
        return new EvaluationData(data.train(), kept, data.steps(), data.peerTrain(), data.peerTest());
    }

    /** Whether there are enough visits, and validation prefixes, to choose on. */
    public boolean enough(FitSettings settings) {
        return visits >= settings.minVisits() && data.prefixes() > 0 && !data.train().isEmpty();
    }
}
