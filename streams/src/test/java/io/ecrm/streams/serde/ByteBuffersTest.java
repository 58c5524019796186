package io.ecrm.streams.serde;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ecrm.recommender.VisitorHistory;
import io.ecrm.streams.identity.Routed;
import io.ecrm.streams.profile.CustomerProfile;
import java.util.List;
import org.junit.jupiter.api.Test;

class ByteBuffersTest {
    @Test
    void aFormWrittenInsideAnotherOnTheSameThreadLeavesTheOuterOneWhole() {
        // a move writes the profile's and the history's own bytes inside its own
        Routed.Move move = new Routed.Move(CustomerProfile.empty("a:v1", 7L),
                new VisitorHistory(List.of(new VisitorHistory.RecentItem("shoe", 1.0, 7L)), List.of("sock")), null);
        byte[] first = StateSerdes.ROUTED.toBytes(move);
        assertEquals(move, StateSerdes.ROUTED.fromBytes(first));
        assertArrayEquals(first, StateSerdes.ROUTED.toBytes(move), "the buffer is free again after each write");
    }

    @Test
    void growsPastItsFirstBufferAndReadsBackEveryByte() throws Exception {
        ByteBuffers.Output output = ByteBuffers.output();
        byte[] big = new byte[10_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) i;
        }
        output.write(1);
        output.write(big, 0, big.length);
        byte[] written = output.toByteArray();
        assertEquals(10_001, written.length);
        byte[] read = ByteBuffers.input(written).readAllBytes();
        assertArrayEquals(written, read);
    }
}
