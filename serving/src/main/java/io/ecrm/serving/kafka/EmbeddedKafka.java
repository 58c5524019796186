package io.ecrm.serving.kafka;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A real Apache Kafka broker in KRaft combined mode (broker and controller in one), run inside this
 * process with its log on local disk. Alone it is the engine's default, so that the engine runs
 * with nothing installed; given a controller quorum it is one node of a cluster of such nodes
 * ({@code ecrm broker --node-id N --controller-quorum 1@host:port,2@host:port,3@host:port}), whose
 * internal topics then get min(3, nodes) copies. Production points {@code --bootstrap-servers} at
 * a cluster instead.
 */
public final class EmbeddedKafka implements AutoCloseable {
    private static final String CONTROLLER = "CONTROLLER";

    private final Path logDir;
    private final int port;
    private final int controllerPort;
    private final int nodeId;
    private final String quorum;
    private final int nodes;
    private KafkaRaftServer server;

    /** A single-node cluster: node 1, its own controller. */
    public EmbeddedKafka(Path logDir, int port, int controllerPort) {
        this(logDir, port, controllerPort, 1, null);
    }

    /**
     * @param nodeId          this node's id in the cluster
     * @param controllerQuorum every node as {@code id@host:controllerPort}, comma-separated (the same
     *                        string on every node); null for a single-node cluster
     */
    public EmbeddedKafka(Path logDir, int port, int controllerPort, int nodeId, String controllerQuorum) {
        this.logDir = logDir.toAbsolutePath();
        this.port = port;
        this.controllerPort = controllerPort;
        this.nodeId = nodeId;
        this.quorum = controllerQuorum == null ? nodeId + "@127.0.0.1:" + controllerPort : controllerQuorum;
        this.nodes = this.quorum.split(",").length;
        if (!(("," + quorum).contains("," + nodeId + "@"))) {
            throw new IllegalArgumentException("node " + nodeId + " is not in the controller quorum " + quorum);
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Formats the log directory on first use, then starts the broker; returns once it serves. */
    public EmbeddedKafka start() throws Exception {
        Files.createDirectories(logDir);
        Properties props = brokerProperties();
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setClusterId(clusterId())
                    .setNodeId(nodeId)
                    .setControllerListenerName(CONTROLLER)
                    .setMetadataLogDirectory(logDir.toString())
                    .setDirectories(List.of(logDir.toString()))
                    .setReleaseVersion(MetadataVersion.latestProduction())
                    .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                    .run();
        }
        server = new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM);
        server.startup();
        return this;
    }

    /**
     * A single node's cluster id is random; the nodes of a quorum derive theirs from the quorum, so
     * that each formats its log for the same cluster without being told an id.
     */
    private String clusterId() {
        if (nodes == 1) {
            return Uuid.randomUuid().toString();
        }
        UUID derived = UUID.nameUUIDFromBytes(("ecrm-cluster:" + quorum).getBytes(StandardCharsets.UTF_8));
        return new Uuid(derived.getMostSignificantBits(), derived.getLeastSignificantBits()).toString();
    }

    private Properties brokerProperties() {
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", String.valueOf(nodeId));
        props.put("controller.quorum.voters", quorum);
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + port + "," + CONTROLLER + "://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER + ":PLAINTEXT");
        props.put("controller.listener.names", CONTROLLER);
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("log.dirs", logDir.toString());
        // internal topics: a copy per node up to three, and writes need two copies where there are three
        String copies = String.valueOf(Math.min(3, nodes));
        String inSync = String.valueOf(Math.max(1, Math.min(2, nodes - 1)));
        props.put("offsets.topic.replication.factor", copies);
        props.put("offsets.topic.num.partitions", "4");
        props.put("transaction.state.log.replication.factor", copies);
        props.put("transaction.state.log.min.isr", inSync);
        props.put("transaction.state.log.num.partitions", "4");
        props.put("share.coordinator.state.topic.replication.factor", copies);
        props.put("share.coordinator.state.topic.min.isr", inSync);
        props.put("default.replication.factor", copies);
        props.put("min.insync.replicas", inSync);
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("auto.create.topics.enable", "false");
        props.put("num.partitions", "4");
        // one node: after an unclean stop it is its own controller, so a short session lets the
        // restarted broker be unfenced within seconds instead of waiting out the default 9 s
        props.put("broker.heartbeat.interval.ms", "500");
        props.put("broker.session.timeout.ms", "2000");
        return props;
    }

    @Override
    public void close() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }
}
