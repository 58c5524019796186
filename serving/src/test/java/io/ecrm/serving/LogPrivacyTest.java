package io.ecrm.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecrm.schemas.TenantId;
import io.ecrm.schemas.TenantTopics;
import io.ecrm.serving.cli.EcrmCommand;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No log line holds an API key or a visitor's raw IP address. Every log event of the engine is
 * captured (its own loggers at TRACE; Javalin, Jetty and Kafka at INFO; the rest as shipped) while it gets requests with good and
 * bad keys, browser requests from a distinctive address (and with proxy headers naming others),
 * and access log lines through {@code ecrm ingest-log}; none of the secrets and addresses appears
 * in a log line, in the command's output or in what ingest-log stored on Kafka.
 */
class LogPrivacyTest {
    /** The browser's own address: any 127/8 address is this machine, so the test can be a visitor from it. */
    private static final String VISITOR_ADDRESS = "127.0.0.77";
    private static final String FORWARDED_V4 = "198.51.100.23";
    private static final String FORWARDED_V6 = "2001:db8:abcd:12::7";
    private static final String UNKNOWN_KEY = "ecrm_0badc0de_this-secret-was-never-issued-to-anyone";
    private static final String MALFORMED_KEY = "sk_live_1234567890abcdefSECRET";

    @TempDir
    Path dir;
    private final List<String> captured = Collections.synchronizedList(new ArrayList<>());
    private AbstractAppender appender;
    /** Loggers captured beyond the shipped levels (own code at TRACE, the libraries that see requests and keys at INFO). */
    private static final Map<String, Level> CAPTURED = Map.of("io.ecrm", Level.TRACE, "io.javalin", Level.INFO,
            "org.eclipse.jetty", Level.INFO, "org.apache.kafka", Level.INFO, "kafka", Level.INFO);

    @BeforeEach
    void captureEveryLogLine() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration config = context.getConfiguration();
        appender = new AbstractAppender("privacy-capture", null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                StringWriter text = new StringWriter();
                text.append(event.getLoggerName()).append(' ').append(event.getMessage().getFormattedMessage());
                if (event.getThrown() != null) {
                    event.getThrown().printStackTrace(new PrintWriter(text));
                }
                captured.add(text.toString());
            }
        };
        appender.start();
        config.getRootLogger().addAppender(appender, Level.ALL, null);
        CAPTURED.forEach((name, level) -> {
            // not additive: the extra lines go to the capture only, not to the console
            LoggerConfig logger = new LoggerConfig(name, level, false);
            logger.addAppender(appender, Level.ALL, null);
            config.addLogger(name, logger);
        });
        context.updateLoggers();
    }

    @AfterEach
    void stopCapturing() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        context.getConfiguration().getRootLogger().removeAppender(appender.getName());
        CAPTURED.keySet().forEach(context.getConfiguration()::removeLogger);
        context.updateLoggers();
        appender.stop();
    }

    /** Sends a raw HTTP/1.1 request from {@link #VISITOR_ADDRESS}; returns the status line. */
    private static String fromVisitor(int port, String requestHead, String body) throws Exception {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(VISITOR_ADDRESS, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            out.write((requestHead + "\r\nHost: shop.example\r\nX-Forwarded-For: " + FORWARDED_V4 + ", " + FORWARDED_V6
                    + "\r\nX-Real-IP: " + FORWARDED_V4 + "\r\nContent-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.write(bytes);
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            return answer.lines().findFirst().orElse("");
        }
    }

    private String ingestLog(Engine engine, String tenant, String ipHandling, Path log, Path rules) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = EcrmCommand.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(
                "ingest-log", "--tenant", tenant, "--rules", rules.toString(), "--format", "combined", "--ip", ipHandling,
                "--data-dir", dir.resolve("ingest").toString(), "--bootstrap-servers", engine.bootstrapServers(),
                "--rejects", dir.resolve(tenant + ".rejects").toString(), log.toString());
        assertEquals(0, exit, err.toString());
        return out + "\n" + err;
    }

    /** Every record of the topic, as text. */
    private static List<String> readAll(String bootstrap, String topic) {
        List<String> values = new ArrayList<>();
        TestEngines.readTopic(bootstrap, topic, (key, value) -> values.add(
                new String(key == null ? new byte[0] : key, StandardCharsets.UTF_8) + " "
                        + (value == null ? "" : new String(value, StandardCharsets.UTF_8))));
        return values;
    }

    @Test
    void noLogLineHoldsAKeyOrARawAddress() throws Exception {
        TestEngines.writeKeys(dir);
        List<String> secrets = List.of(TestEngines.DEMO_KEY, TestEngines.DEMO_KEY.substring(14), TestEngines.OTHER_KEY.substring(14),
                UNKNOWN_KEY, UNKNOWN_KEY.substring(14), MALFORMED_KEY, VISITOR_ADDRESS, FORWARDED_V4, FORWARDED_V6);
        StringBuilder output = new StringBuilder();
        try (Engine engine = Engine.start(TestEngines.embedded(dir, "demo", "other"))) {
            HttpClientSupport http = new HttpClientSupport(engine.baseUrl(), TestEngines.DEMO_KEY);
            http.await("/health", r -> r.status() == 200, Duration.ofSeconds(60));
            // good keys, an unknown key, a key of no known form, a key in the wrong header form
            assertEquals(202, http.post("/v1/events", "application/json",
                    "[{\"eventId\":\"p1\",\"type\":\"product_view\",\"timestamp\":1763975730000,\"anonymousId\":\"v1\",\"itemId\":\"i1\"}]").status());
            assertEquals(400, http.post("/v1/events", "application/json", "[{\"eventId\":\"p2\"}]").status());
            new HttpClientSupport(engine.baseUrl(), TestEngines.OTHER_KEY).get("/v1/items/i1/similar");
            assertEquals(401, new HttpClientSupport(engine.baseUrl(), UNKNOWN_KEY).get("/v1/customers/v1").status());
            assertEquals(401, new HttpClientSupport(engine.baseUrl(), MALFORMED_KEY).get("/v1/customers/v1").status());
            assertEquals(401, http.raw(HttpRequest.newBuilder(java.net.URI.create(engine.baseUrl() + "/v1/customers/v1"))
                    .header("Authorization", "Basic " + UNKNOWN_KEY).GET()).status());
            assertEquals(401, http.raw(HttpRequest.newBuilder(java.net.URI.create(engine.baseUrl() + "/v1/customers/v1?key=" + UNKNOWN_KEY))
                    .GET()).status());
            // the browser routes, from the visitor's own address, behind a proxy naming other addresses
            int port = engine.httpPort();
            assertTrue(fromVisitor(port, "GET /v1/pixel.gif?tenant=demo&type=page_view&anonymousId=v2&url=%2Fhome HTTP/1.1", "")
                    .contains(" 200"));
            assertTrue(fromVisitor(port, "GET /v1/pixel.gif?tenant=demo&type=teleport&anonymousId=v2 HTTP/1.1", "").contains(" 400"));
            assertTrue(fromVisitor(port, "POST /v1/collect?tenant=demo HTTP/1.1\r\nContent-Type: text/plain",
                    "{\"eventId\":\"c1\",\"type\":\"product_view\",\"timestamp\":1763975730000,\"anonymousId\":\"v2\",\"itemId\":\"i2\"}")
                    .contains(" 202"));
            assertTrue(fromVisitor(port, "POST /v1/collect?tenant=demo HTTP/1.1\r\nContent-Type: text/plain", "{not json").contains(" 400"));
            assertTrue(fromVisitor(port, "GET /nowhere HTTP/1.1", "").contains(" 404"));

            // access log lines with raw addresses, hashed for one tenant and truncated for the other
            Path log = dir.resolve("access.log");
            Files.writeString(log, String.join("\n",
                    FORWARDED_V4 + " - - [24/Nov/2026:10:15:30 +0000] \"GET /product/sku-1 HTTP/1.1\" 200 512 \"-\" \"Mozilla/5.0\"",
                    FORWARDED_V6 + " - - [24/Nov/2026:10:15:31 +0000] \"GET /product/sku-2 HTTP/1.1\" 200 512 \"-\" \"Mozilla/5.0\"",
                    FORWARDED_V4 + " - - [24/Nov/2026:10:15:32 +0000] \"GET /product/" + "x".repeat(200) + " HTTP/1.1\" 200 1 \"-\" \"-\"",
                    FORWARDED_V4 + " - - [not a time] \"GET /product/sku-3 HTTP/1.1\" 200 512 \"-\" \"Mozilla/5.0\""));
            Path rules = dir.resolve("rules.json");
            Files.writeString(rules, "{\"rules\": [{\"path\": \"/product/{itemId}\", \"type\": \"product_view\"}]}");
            output.append(ingestLog(engine, "demo", "hash", log, rules));
            output.append(ingestLog(engine, "other", "truncate", log, rules));

            List<String> hashed = readAll(engine.bootstrapServers(), new TenantTopics(new TenantId("demo")).events());
            List<String> truncated = readAll(engine.bootstrapServers(), new TenantTopics(new TenantId("other")).events());
            assertTrue(hashed.stream().anyMatch(r -> r.contains("\"anonymousId\":\"h-")), "the hashed visitors are stored: " + hashed);
            assertTrue(truncated.stream().anyMatch(r -> r.contains("n-198.51.100.0-")), "the /24 is stored: " + truncated);
            assertTrue(truncated.stream().anyMatch(r -> r.contains("n-2001:db8:abcd::-")), "the /48 is stored: " + truncated);
            for (String record : concat(hashed, truncated)) {
                for (String address : List.of(VISITOR_ADDRESS, FORWARDED_V4, FORWARDED_V6)) {
                    assertFalse(record.contains(address), "a stored event holds the raw address " + address + ": " + record);
                }
            }
        }
        List<String> lines = List.copyOf(captured);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("io.ecrm.serving.Engine ")), "the capture sees the engine's log: " + lines);
        for (String secret : secrets) {
            for (String line : lines) {
                assertFalse(line.contains(secret), "a log line holds " + secret + ": " + line);
            }
            assertFalse(output.toString().contains(secret), "ingest-log printed " + secret + ": " + output);
        }
        System.out.printf("log privacy: %,d log lines checked for %d secrets and addresses%n", lines.size(), secrets.size());
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
