package io.ecrm.serving.cli;

import io.ecrm.serving.kafka.EmbeddedKafka;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ecrm broker}: only the embedded Kafka broker, in a process of its own, for engines started
 * with {@code --bootstrap-servers}. It lets a broker be stopped, killed and restarted while the
 * engines keep running (the crash tests do exactly that), and gives a single-machine installation a
 * broker without installing Kafka.
 */
@Command(name = "broker", mixinStandardHelpOptions = true,
        description = "Run only the embedded Kafka broker (KRaft), alone or as one node of a cluster "
                + "(--node-id, --controller-quorum), for engines started with --bootstrap-servers.")
final class BrokerCommand implements Callable<Integer> {
    @Option(names = "--kafka-port", defaultValue = "9092", description = "Port of the broker (default 9092).")
    int kafkaPort;

    @Option(names = "--controller-port", defaultValue = "9093", description = "KRaft controller port (default 9093).")
    int controllerPort;

    @Option(names = "--data-dir", defaultValue = "${env:ECRM_DATA_DIR:-ecrm-data}", description = "The broker log goes to <data-dir>/kafka "
            + "(default ./ecrm-data, the same place the engine's embedded broker uses).")
    Path dataDir;

    @Option(names = "--node-id", defaultValue = "1", description = "This broker's id in its cluster (default 1).")
    int nodeId;

    @Option(names = "--controller-quorum", description = "Every broker of a cluster of such brokers as "
            + "id@127.0.0.1:controller-port, comma-separated, the same on each (e.g. 1@127.0.0.1:9093,2@127.0.0.1:9095,"
            + "3@127.0.0.1:9097); default: this broker alone. The brokers listen on 127.0.0.1: a cluster of them is for one "
            + "machine (tests, trials). Internal topics get min(3, brokers) copies.")
    String controllerQuorum;

    @Override
    public Integer call() throws Exception {
        StopSignals.listen();
        Path logDir = dataDir.resolve("kafka");
        EmbeddedKafka kafka = new EmbeddedKafka(logDir, kafkaPort, controllerPort, nodeId, controllerQuorum).start();
        // the line a script or test waits for
        System.out.println("ecrm broker is up: " + kafka.bootstrapServers() + " (log in " + logDir.toAbsolutePath() + ")");
        System.out.flush();
        StopSignals.awaitStop("ecrm-broker-shutdown", kafka::close);
        return 0;
    }
}
