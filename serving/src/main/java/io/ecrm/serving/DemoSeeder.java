package io.ecrm.serving;

import io.ecrm.ingest.EventPublisher;
import io.ecrm.ingest.demo.DemoClickstream;
import io.ecrm.schemas.ClickEvent;
import io.ecrm.schemas.TenantTopics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Loads the demo catalogue and clickstream through Kafka until one load has completed, marked by a file in the
 * data directory. A load cut short (Ctrl-C during the first start) is sent again whole on the next
 * start: the events keep their ids, so the cleaning stage counts each once.
 */
public final class DemoSeeder {
    public static final int VISITORS = 600;
    public static final long SEED = 42;

    private DemoSeeder() {
    }

    /** The demo clickstream ends on the day before {@code now}, so that recency means something. */
    static Instant start(Instant now) {
        return now.truncatedTo(ChronoUnit.DAYS).minus(DemoClickstream.DAYS, ChronoUnit.DAYS);
    }

    /** Returns the number of events sent, 0 when an earlier start loaded them all. */
    public static int seedOnce(EventPublisher publisher, TenantTopics topics, Path dataDir) throws Exception {
        Path loaded = dataDir.resolve("demo-" + topics.tenant().value() + ".loaded");
        if (Files.exists(loaded)) {
            return 0;
        }
        publisher.publishCatalog(topics, DemoClickstream.catalog()).get(60, TimeUnit.SECONDS);
        List<ClickEvent> events = DemoClickstream.generate(VISITORS, SEED, start(Instant.now()));
        int sent = publisher.publish(topics, events).get(60, TimeUnit.SECONDS);
        Files.writeString(loaded, sent + " demo events sent\n");
        return sent;
    }
}
