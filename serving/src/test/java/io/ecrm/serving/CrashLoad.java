package io.ecrm.serving;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecrm.streams.profile.CustomerProfile;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A seeded clickstream sent at full speed over HTTP by several senders while a fault is injected,
 * with the books a client keeps: which events were accepted (a 2xx), which were refused for
 * certain and given up, and which had an unknown outcome (a {@code not-confirmed} 503, a broken
 * connection) and were therefore sent again, whole, until accepted.
 * <p>
 * A definite refusal is a {@code unavailable} 503 (the engine says nothing was written) or a
 * refused connection (no engine listening). On one, a sender gives the batch up with probability
 * {@link #GIVE_UP_PROBABILITY}, else sends it again after a pause; a batch that ever had an unknown
 * outcome (which includes the client's own timeout of {@link #CLIENT_TIMEOUT}) is never given up. The events, the moment of the
 * fault (after a seeded number of accepted batches) and every give-up decision follow from the
 * seed; only thread timing does not.
 */
final class CrashLoad {
    static final double GIVE_UP_PROBABILITY = 0.2;
    static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(4);
    private static final long PAUSE_AFTER_ERROR_MILLIS = 200;
    private static final long T0 = 1_763_975_730_000L;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One batch, with its own seeded stream of give-up decisions. */
    private record Batch(int index, List<Event> events, SplittableRandom decisions) {
    }

    /** One product view. */
    record Event(String eventId, String visitor, String item, long timestamp) {
    }

    private final long seed;
    private final int visitors;
    private final int eventsPerVisitor;
    private final int items;
    private final int batchSize;
    private final List<Batch> batches = new ArrayList<>();
    private final ConcurrentLinkedDeque<Batch> queue = new ConcurrentLinkedDeque<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger acceptedBatches = new AtomicInteger();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong definiteRefusals = new AtomicLong();
    private final AtomicLong unknownOutcomes = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final boolean[] accepted;
    private final boolean[] givenUp;
    private final boolean[] inDoubt;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    CrashLoad(long seed, int visitors, int eventsPerVisitor, int items, int batchSize) {
        this.seed = seed;
        this.visitors = visitors;
        this.eventsPerVisitor = eventsPerVisitor;
        this.items = items;
        this.batchSize = batchSize;
        Random random = new Random(seed);
        List<Event> all = new ArrayList<>();
        // interleaved across visitors, a few seconds of event time apart per visitor (never a bot's rate)
        for (int round = 0; round < eventsPerVisitor; round++) {
            for (int v = 0; v < visitors; v++) {
                all.add(new Event("e-" + seed + "-" + v + "-" + round, "visitor-" + v, "item-" + random.nextInt(items),
                        T0 + round * 5_000L + v));
            }
        }
        for (int from = 0; from < all.size(); from += batchSize) {
            int index = batches.size();
            batches.add(new Batch(index, all.subList(from, Math.min(all.size(), from + batchSize)), new SplittableRandom(seed * 1_000_003 + index)));
        }
        accepted = new boolean[batches.size()];
        givenUp = new boolean[batches.size()];
        inDoubt = new boolean[batches.size()];
        queue.addAll(batches);
    }

    int batchCount() {
        return batches.size();
    }

    int eventCount() {
        return visitors * eventsPerVisitor;
    }

    /** A seeded number of accepted batches after which the fault strikes: between 15 % and 60 % of the stream. */
    int faultAfterBatches() {
        // SplittableRandom mixes its seed; the first draws of java.util.Random for neighbouring seeds are nearly equal
        return (int) (batches.size() * (0.15 + 0.45 * new SplittableRandom(seed).nextDouble()));
    }

    int acceptedBatches() {
        return acceptedBatches.get();
    }

    /**
     * Sends everything with {@code senders} threads against {@code baseUrl}; {@code fault} runs on
     * the calling thread once {@code faultAfter} batches are accepted, while the senders go on.
     * Returns when every batch is accepted or given up.
     */
    void run(String baseUrl, String key, int senders, int faultAfter, FaultAction fault) throws Exception {
        CountDownLatch done = new CountDownLatch(senders);
        for (int s = 0; s < senders; s++) {
            Thread sender = new Thread(() -> {
                try {
                    send(baseUrl, key);
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                } finally {
                    done.countDown();
                }
            }, "crash-load-sender-" + s);
            sender.setDaemon(true);
            sender.start();
        }
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (acceptedBatches.get() < faultAfter && failure.get() == null && done.getCount() > 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the fault point was not reached: " + summary());
            }
            Thread.sleep(1);
        }
        fault.strike();
        if (!done.await(3, java.util.concurrent.TimeUnit.MINUTES)) {
            throw new AssertionError("the senders did not finish: " + summary());
        }
        if (failure.get() != null) {
            throw new AssertionError("a sender failed", failure.get());
        }
    }

    /** The fault to inject (kill, restart), run while the senders keep sending. */
    interface FaultAction {
        void strike() throws Exception;
    }

    private void send(String baseUrl, String key) throws Exception {
        while (true) {
            Batch batch;
            synchronized (queue) {
                batch = queue.pollFirst();
                if (batch == null && inFlight.get() == 0) {
                    return;
                }
                if (batch != null) {
                    inFlight.incrementAndGet();
                }
            }
            if (batch == null) {
                Thread.sleep(5); // others may still put a batch back
                continue;
            }
            try {
                Outcome outcome = post(baseUrl, key, batch);
                switch (outcome) {
                    case ACCEPTED -> {
                        synchronized (accepted) {
                            accepted[batch.index()] = true;
                        }
                        acceptedBatches.incrementAndGet();
                    }
                    case REFUSED -> {
                        definiteRefusals.incrementAndGet();
                        boolean mayBeWritten;
                        synchronized (accepted) {
                            mayBeWritten = inDoubt[batch.index()];
                        }
                        if (batch.decisions().nextDouble() < GIVE_UP_PROBABILITY && !mayBeWritten) {
                            synchronized (accepted) {
                                givenUp[batch.index()] = true;
                            }
                        } else {
                            Thread.sleep(PAUSE_AFTER_ERROR_MILLIS);
                            queue.addLast(batch);
                        }
                    }
                    case UNKNOWN -> {
                        unknownOutcomes.incrementAndGet();
                        synchronized (accepted) {
                            inDoubt[batch.index()] = true;
                        }
                        Thread.sleep(PAUSE_AFTER_ERROR_MILLIS);
                        queue.addLast(batch); // part of it may be written: only a resend settles it
                    }
                }
            } finally {
                inFlight.decrementAndGet();
            }
        }
    }

    private enum Outcome { ACCEPTED, REFUSED, UNKNOWN }

    private Outcome post(String baseUrl, String key, Batch batch) throws Exception {
        StringBuilder body = new StringBuilder("[");
        for (Event e : batch.events()) {
            body.append(body.length() > 1 ? "," : "").append("{\"eventId\":\"").append(e.eventId())
                    .append("\",\"type\":\"product_view\",\"timestamp\":").append(e.timestamp())
                    .append(",\"anonymousId\":\"").append(e.visitor()).append("\",\"itemId\":\"").append(e.item()).append("\"}");
        }
        body.append(']');
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/v1/events"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .timeout(CLIENT_TIMEOUT).POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        requests.incrementAndGet();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            return Outcome.REFUSED; // nobody listening: nothing can have been written
        } catch (IOException e) {
            return Outcome.UNKNOWN; // the connection broke, or the answer took too long, with the request sent
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return Outcome.ACCEPTED;
        }
        if (status != 503) {
            throw new AssertionError("batch " + batch.index() + ": unexpected answer " + status + " " + response.body());
        }
        if (response.headers().firstValue("Retry-After").isEmpty()) {
            throw new AssertionError("a 503 without Retry-After: " + response.body());
        }
        JsonNode problem = JSON.readTree(response.body());
        String type = problem.path("type").asText();
        if (type.endsWith("/unavailable")) {
            return Outcome.REFUSED;
        }
        if (type.endsWith("/not-confirmed")) {
            return Outcome.UNKNOWN;
        }
        throw new AssertionError("a 503 of unexpected type: " + response.body());
    }

    long requests() {
        return requests.get();
    }

    long definiteRefusals() {
        return definiteRefusals.get();
    }

    long unknownOutcomes() {
        return unknownOutcomes.get();
    }

    long eventsAccepted() {
        long n = 0;
        for (Batch b : batches) {
            n += accepted[b.index()] ? b.events().size() : 0;
        }
        return n;
    }

    long eventsGivenUp() {
        long n = 0;
        for (Batch b : batches) {
            n += givenUp[b.index()] ? b.events().size() : 0;
        }
        return n;
    }

    /** Views per visitor that the engine must count: exactly the accepted ones. */
    Map<String, Integer> expectedByVisitor() {
        Map<String, Integer> expected = new HashMap<>();
        for (int v = 0; v < visitors; v++) {
            expected.put("visitor-" + v, 0);
        }
        forEachAccepted(e -> expected.merge(e.visitor(), 1, Integer::sum));
        return expected;
    }

    /** Weighted count per item that the engine must hold: one view weighs 1. */
    Map<String, Double> expectedByItem() {
        Map<String, Double> expected = new HashMap<>();
        for (int i = 0; i < items; i++) {
            expected.put("item-" + i, 0.0);
        }
        forEachAccepted(e -> expected.merge(e.item(), 1.0, Double::sum));
        return expected;
    }

    private void forEachAccepted(java.util.function.Consumer<Event> action) {
        for (Batch b : batches) {
            if (accepted[b.index()]) {
                b.events().forEach(action);
            }
        }
    }

    /** The differences between what the tenant counts and what was accepted; empty when they agree. */
    List<String> mismatches(TenantEngine tenant) {
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, Integer> want : expectedByVisitor().entrySet()) {
            Optional<CustomerProfile> profile = tenant.profile(want.getKey());
            int counted = profile.map(p -> p.eventsByType().getOrDefault(io.ecrm.schemas.EventType.PRODUCT_VIEW, 0L).intValue()).orElse(0);
            if (counted != want.getValue()) {
                wrong.add(want.getKey() + ": " + counted + " views counted, " + want.getValue() + " accepted");
            }
        }
        for (Map.Entry<String, Double> want : expectedByItem().entrySet()) {
            Double counted = tenant.streams().itemCount(want.getKey());
            double count = counted == null ? 0.0 : counted;
            if (count != want.getValue()) {
                wrong.add(want.getKey() + ": count " + count + ", " + want.getValue() + " accepted");
            }
        }
        return wrong;
    }

    String summary() {
        return String.format("seed %d: %,d events in %,d batches; %,d requests; %,d events accepted (2xx), %,d given up "
                        + "after a definite refusal; %,d definite refusals, %,d unknown outcomes resent",
                seed, eventCount(), batches.size(), requests.get(), eventsAccepted(), eventsGivenUp(),
                definiteRefusals.get(), unknownOutcomes.get());
    }
}
