package io.ecrm.recommender;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimilarityTest {
    @Test
    void cosineIsTogetherOverTheGeometricMeanOfTheCounts() {
        // 2 together, 4 and 9 alone: 2 / sqrt(36)
        assertEquals(1.0 / 3, Similarity.COSINE.score(2, 4, 9, 100), 1e-12);
        assertEquals(1.0, Similarity.COSINE.score(3, 3, 3, 100), 1e-12);
        assertEquals(0.0, Similarity.COSINE.score(0, 4, 9, 100));
    }

    @Test
    void jaccardIsTogetherOverEither() {
        // 2 together of 4 + 9 - 2 = 11 with either
        assertEquals(2.0 / 11, Similarity.JACCARD.score(2, 4, 9, 100), 1e-12);
        assertEquals(1.0, Similarity.JACCARD.score(3, 3, 3, 100), 1e-12);
        assertEquals(0.0, Similarity.JACCARD.score(0, 4, 9, 100));
    }

    @Test
    void llrMapsDunningsRatioIntoTheUnitInterval() {
        // the table (1, 0, 0, 1) has llr 4 ln 2 (see LogLikelihoodTest): similarity 1 - 1 / (1 + 4 ln 2)
        assertEquals(1 - 1 / (1 + 4 * Math.log(2)), Similarity.LLR.score(1, 1, 1, 2), 1e-12);
        // together as often as chance predicts: 10 of 100 and 100 among 1000
        assertEquals(0.0, Similarity.LLR.score(10, 100, 100, 1000), 1e-9);
    }

    @Test
    void theMeasuresDisagreeOnAPopularCompanionAndEachPicksItsOwn() {
        // "case" seen 10 times, 8 with "phone" (seen 20); "bag" seen 1000 times, 12 with "phone"
        ItemCooccurrence phone = new ItemCooccurrence(20, Map.of("case", 8.0, "bag", 12.0));
        Map<String, Double> counts = Map.of("case", 10.0, "bag", 1000.0);
        for (Similarity measure : Similarity.values()) {
            ItemNeighbours neighbours = ItemNeighbours.score(phone, counts::get, 10_000, 10, measure);
            assertEquals("case", neighbours.neighbours().get(0).itemId(), measure.name());
        }
        // cosine: case 8 / sqrt(200) = 0.566, bag 12 / sqrt(20000) = 0.085
        ItemNeighbours cosine = ItemNeighbours.score(phone, counts::get, 10_000, 10, Similarity.COSINE);
        assertEquals(8 / Math.sqrt(200), cosine.neighbours().get(0).score(), 1e-12);
        assertEquals(12 / Math.sqrt(20_000), cosine.neighbours().get(1).score(), 1e-12);
        // jaccard: case 8 / 22, bag 12 / 1008
        ItemNeighbours jaccard = ItemNeighbours.score(phone, counts::get, 10_000, 10, Similarity.JACCARD);
        assertEquals(List.of(8.0 / 22, 12.0 / 1008), jaccard.neighbours().stream().map(ScoredItem::score).toList());
    }
}
