package io.ecrm.benchmarks;

import io.ecrm.ingest.logs.AccessLogFormat;
import io.ecrm.ingest.logs.AccessLogParser;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Access log parsing on one core: realistic combined-format lines (power-law product URLs, a mix
 * of user agents, referers and statuses), parsed into fields. Unit: lines parsed per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LogParseBenchmark {
    private static final String[] AGENTS = {
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1",
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"};

    private String[] lines;
    private AccessLogParser parser;
    private int next;

    @Setup
    public void setUp() {
        Random random = new Random(11);
        ZipfSampler items = new ZipfSampler(100_000, 1.0);
        lines = new String[4096];
        for (int i = 0; i < lines.length; i++) {
            String target = switch (random.nextInt(4)) {
                case 0 -> "/search?q=shoes+" + random.nextInt(100);
                case 1 -> "/cart/add?item=sku-" + items.sample(random);
                default -> "/product/sku-" + items.sample(random);
            };
            lines[i] = String.format("%d.%d.%d.%d - - [24/Nov/2026:%02d:%02d:%02d +0100] \"GET %s HTTP/1.1\" %d %d \"https://shop.example/c/%d\" \"%s\"",
                    random.nextInt(256), random.nextInt(256), random.nextInt(256), random.nextInt(256), random.nextInt(24),
                    random.nextInt(60), random.nextInt(60), target, random.nextInt(10) == 0 ? 404 : 200, random.nextInt(50_000),
                    random.nextInt(40), AGENTS[random.nextInt(AGENTS.length)]);
        }
        parser = new AccessLogParser(AccessLogFormat.named("combined"));
    }

    @Benchmark
    public AccessLogParser.Result parseCombinedLine() {
        return parser.parse(lines[next++ & 4095]);
    }
}
