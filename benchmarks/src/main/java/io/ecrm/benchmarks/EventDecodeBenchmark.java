package io.ecrm.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecrm.schemas.EventDecoder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What {@code POST /v1/events} does with a body before Kafka: parse the JSON ({@code readTree}, as
 * the route does) and decode and validate every event with the one validator
 * ({@link EventDecoder#decodeBatch}). Batches of {@value #BATCH} realistic events: power-law items,
 * ISO-8601 and epoch timestamps, a third from logged-in customers, browser fields (URL, referrer,
 * user agent) on half of them, prices on purchases. Unit: events/s (one operation is one event of a batch).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EventDecodeBenchmark {
    static final int BATCH = 500;
    private static final String[] TYPES = {"product_view", "product_view", "product_view", "product_view", "page_view",
        "add_to_cart", "search", "purchase"};

    private final ObjectMapper json = new ObjectMapper();
    private final EventDecoder decoder = new EventDecoder();
    private byte[][] bodies;
    private int next;

    @Setup
    public void setUp() {
        Random random = new Random(17);
        ZipfSampler items = new ZipfSampler(100_000, 1.0);
        bodies = new byte[16][];
        long time = 1_763_975_730_000L;
        for (int b = 0; b < bodies.length; b++) {
            StringBuilder body = new StringBuilder("[");
            for (int i = 0; i < BATCH; i++) {
                String type = TYPES[random.nextInt(TYPES.length)];
                int visitor = random.nextInt(50_000);
                time += random.nextInt(200);
                body.append(i == 0 ? "" : ",").append("{\"eventId\":\"").append(java.util.UUID.nameUUIDFromBytes(
                        new byte[] {(byte) b, (byte) i, (byte) (i >> 8)})).append("\",\"type\":\"").append(type).append('"');
                body.append(",\"timestamp\":").append(random.nextBoolean() ? String.valueOf(time)
                        : "\"" + java.time.Instant.ofEpochMilli(time) + "\"");
                body.append(",\"anonymousId\":\"anon-").append(visitor).append('"');
                if (visitor % 3 == 0) {
                    body.append(",\"customerId\":\"cust-").append(visitor).append('"');
                }
                if (type.equals("search")) {
                    body.append(",\"query\":\"running shoes ").append(random.nextInt(100)).append('"');
                } else if (!type.equals("page_view")) {
                    body.append(",\"itemId\":\"sku-").append(items.sample(random)).append('"');
                }
                if (type.equals("purchase")) {
                    body.append(",\"quantity\":").append(1 + random.nextInt(3)).append(",\"price\":")
                            .append(5 + random.nextInt(500)).append(".99,\"currency\":\"EUR\"");
                }
                if (random.nextBoolean()) {
                    body.append(",\"url\":\"https://shop.example/p/").append(random.nextInt(100_000))
                            .append("\",\"referrer\":\"https://www.google.com/\",\"userAgent\":\"Mozilla/5.0 (Windows NT 10.0; "
                                    + "Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36\"");
                }
                body.append('}');
            }
            bodies[b] = body.append(']').toString().getBytes(StandardCharsets.UTF_8);
            if (!decoder.decodeBatch(parse(bodies[b])).valid()) {
                throw new IllegalStateException("a generated batch does not validate: "
                        + decoder.decodeBatch(parse(bodies[b])).errors());
            }
        }
    }

    private JsonNode parse(byte[] body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public EventDecoder.Batch parseAndValidateBatch() {
        return decoder.decodeBatch(parse(bodies[next++ & 15]));
    }
}
