package io.ecrm.streams;

import org.apache.kafka.streams.KafkaStreams;

/** A store cannot be read now: the tenant's Streams application is starting, restoring or rebalancing. */
public final class StateNotReadyException extends RuntimeException {
    public StateNotReadyException(String tenant, KafkaStreams.State state, Throwable cause) {
        super("state of tenant " + tenant + " is not ready yet (" + state + ")", cause);
    }
}
