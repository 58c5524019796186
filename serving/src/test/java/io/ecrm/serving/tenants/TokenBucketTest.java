package io.ecrm.serving.tenants;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TokenBucketTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void aBurstOfTwoSecondsPassesThenTheRateAndTheWaitIsSaid() {
        TokenBucket bucket = new TokenBucket();
        for (int i = 0; i < 20; i++) {
            assertEquals(0, bucket.take(1, 10, 2, 0), "request " + i + " of a full bucket of 20");
        }
        long wait = bucket.take(1, 10, 2, 0);
        assertEquals(SECOND / 10, wait, "one token comes back in a tenth of a second");
        assertEquals(0, bucket.take(1, 10, 2, SECOND / 10));
        assertTrue(bucket.take(1, 10, 2, SECOND / 10) > 0);
        assertEquals(0, bucket.take(5, 10, 2, SECOND / 10 + SECOND / 2), "half a second gives five back");
    }

    @Test
    void neverHoldsMoreThanItsBurstAndABatchLargerThanTheBurstPassesAlone() {
        TokenBucket bucket = new TokenBucket();
        assertEquals(0, bucket.take(1, 10, 2, 0));
        // an hour idle: still only two seconds' worth
        for (int i = 0; i < 20; i++) {
            assertEquals(0, bucket.take(1, 10, 2, 3_600 * SECOND));
        }
        assertTrue(bucket.take(1, 10, 2, 3_600 * SECOND) > 0);
        TokenBucket events = new TokenBucket();
        assertEquals(0, events.take(500, 100, 2, 0), "a batch of 500 against 200 of burst, on a full bucket");
        assertEquals(5 * SECOND, events.take(500, 100, 2, 0), "the next waits until the bucket is full again");
    }
}
