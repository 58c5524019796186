package io.ecrm.serving.kafka;

import io.ecrm.streams.StateNotReadyException;
import io.ecrm.streams.Stores;
import io.ecrm.streams.TenantStreams;
import io.ecrm.streams.serde.StateSerdes;
import org.apache.kafka.common.serialization.Serializer;
import java.util.List;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Which instance holds a visitor: a tenant's events are partitioned by visitor key, Kafka Streams
 * gives each partition to one instance of the tenant's application, and every instance publishes
 * its HTTP address ({@code application.server}), so {@code queryMetadataForKey} names the owner.
 * While the owner cannot be known (start, rebalance) a lookup throws {@link StateNotReadyException}.
 */
public final class KeyOwners {
    /** An instance's HTTP address, and whether it is this instance. */
    public record HostStoreInfo(String host, int port, boolean local) {
        public String baseUrl() {
            return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }
    }

    private static final Serializer<String> KEYS = StateSerdes.keys().serializer();

    private final HostInfo self;

    /** @param advertisedServer this instance's {@code host:port}, as given to Kafka Streams */
    public KeyOwners(String advertisedServer) {
        this.self = HostInfo.buildFromEndpoint(advertisedServer);
    }

    /** The instance owning a visitor key of the tenant (the store of visitor histories and profiles is partitioned by it). */
    public HostStoreInfo ownerOf(TenantStreams tenant, String visitorKey) {
        KafkaStreams streams = tenant.kafkaStreams();
        KeyQueryMetadata metadata;
        try {
            metadata = streams.queryMetadataForKey(Stores.VISITORS, visitorKey, KEYS);
        } catch (IllegalStateException | InvalidStateStoreException e) {
            throw new StateNotReadyException(tenant.topics().tenant().value(), streams.state(), e);
        }
        if (metadata == null || metadata.equals(KeyQueryMetadata.NOT_AVAILABLE) || metadata.activeHost().port() < 0) {
            throw new StateNotReadyException(tenant.topics().tenant().value(), streams.state(), null);
        }
        HostInfo owner = metadata.activeHost();
        return new HostStoreInfo(owner.host(), owner.port(), owner.equals(self));
    }

    /** The instances holding a standby copy of the visitor key's partition; empty when there is none or it cannot be known now. */
    public List<HostStoreInfo> standbysOf(TenantStreams tenant, String visitorKey) {
        try {
            KeyQueryMetadata metadata = tenant.kafkaStreams().queryMetadataForKey(Stores.VISITORS, visitorKey, KEYS);
            if (metadata == null || metadata.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
                return List.of();
            }
            return metadata.standbyHosts().stream().filter(host -> host.port() >= 0)
                    .map(host -> new HostStoreInfo(host.host(), host.port(), host.equals(self))).toList();
        } catch (IllegalStateException | InvalidStateStoreException e) {
            return List.of();
        }
    }

    /** Every other instance of the tenant's application, by its HTTP address; empty when this one is alone. */
    public List<HostStoreInfo> otherInstances(TenantStreams tenant) {
        KafkaStreams streams = tenant.kafkaStreams();
        try {
            return streams.metadataForAllStreamsClients().stream().map(StreamsMetadata::hostInfo)
                    .filter(host -> host.port() >= 0 && !host.equals(self)).distinct()
                    .map(host -> new HostStoreInfo(host.host(), host.port(), false)).toList();
        } catch (IllegalStateException e) {
            throw new StateNotReadyException(tenant.topics().tenant().value(), streams.state(), e);
        }
    }
}
