package io.ecrm.benchmarks;

import io.ecrm.schemas.TenantId;
import io.ecrm.serving.Engine;
import io.ecrm.serving.EngineSettings;
import io.ecrm.serving.TenantEngine;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load run of the ingest path: batches of events over HTTP (loopback only) into a fresh engine on
 * the embedded broker, for a bounded time; then waits until the stores have counted every accepted
 * event and checks that each was counted exactly once.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.ecrm.benchmarks.IngestLoad [seconds] [clients] [batch]</pre>
 */
public final class IngestLoad {
    private IngestLoad() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 500;
        Path dataDir = Files.createTempDirectory("ecrm-ingest-load");
        EngineSettings d = EngineSettings.DEFAULTS;
        EngineSettings settings = new EngineSettings("127.0.0.1", 0, null, null, freePort(), freePort(), dataDir,
                List.of(new TenantId("load")), "load-1", Math.max(batch, d.maxBatchEvents()), d.maxBodyBytes(),
                d.maxCount(), d.maxIdLength(), d.maxQueryChars(), d.allowedOrigins(), d.streams(), d.recommender());
        try (Engine engine = Engine.start(settings)) {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            String url = engine.baseUrl() + "/v1/events";
            awaitRunning(engine.tenants().defaultTenant());
            AtomicLong accepted = new AtomicLong();
            AtomicLong failed = new AtomicLong();
            long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
            long start = System.nanoTime();
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int clientId = c;
                running.add(pool.submit(() -> {
                    long sequence = 0;
                    while (System.nanoTime() < deadline) {
                        StringBuilder body = new StringBuilder(batch * 130).append('[');
                        for (int i = 0; i < batch; i++, sequence++) {
                            // 10,000 visitors per client, one event each per 100 batches: far below the bot rate
                            long visitor = sequence % 10_000;
                            body.append(i == 0 ? "" : ",").append("{\"eventId\":\"c").append(clientId).append('-')
                                    .append(sequence).append("\",\"type\":\"product_view\",\"timestamp\":")
                                    .append(1_763_975_730_000L + sequence * 10).append(",\"anonymousId\":\"v")
                                    .append(clientId).append('-').append(visitor).append("\",\"itemId\":\"item-")
                                    .append(sequence % 997).append("\"}");
                        }
                        body.append(']');
                        try {
                            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url))
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                                    HttpResponse.BodyHandlers.ofString());
                            if (response.statusCode() == 202) {
                                accepted.addAndGet(batch);
                            } else {
                                failed.addAndGet(batch);
                            }
                        } catch (Exception e) {
                            failed.addAndGet(batch);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
            pool.shutdown();
            double sendSeconds = (System.nanoTime() - start) / 1e9;
            long counted = awaitCounted(engine.tenants().defaultTenant(), accepted.get(), Duration.ofSeconds(120));
            double totalSeconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("%n| events accepted (202) | refused | HTTP rate (events/s) | counted in stores | end-to-end rate (events/s) |%n");
            System.out.printf("|---|---|---|---|---|%n");
            System.out.printf("| %,d | %,d | %,.0f | %,d | %,.0f |%n", accepted.get(), failed.get(),
                    accepted.get() / sendSeconds, counted, counted / totalSeconds);
            System.out.printf("%s%n", counted == accepted.get() ? "every accepted event counted exactly once"
                    : "MISMATCH: accepted " + accepted.get() + ", counted " + counted);
        }
    }

    private static void awaitRunning(TenantEngine tenant) throws InterruptedException {
        while (tenant.streams().state() != org.apache.kafka.streams.KafkaStreams.State.RUNNING) {
            Thread.sleep(100);
        }
    }

    /** Polls the global item counts until their sum reaches the expected count or stops moving. */
    private static long awaitCounted(TenantEngine tenant, long expected, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        long counted = 0;
        while (System.nanoTime() < deadline) {
            double[] sum = {0};
            tenant.streams().forEachItemCount((item, count) -> sum[0] += count);
            counted = Math.round(sum[0]);
            if (counted >= expected) {
                break;
            }
            Thread.sleep(200);
        }
        return counted;
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
