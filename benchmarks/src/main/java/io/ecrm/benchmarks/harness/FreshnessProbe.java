package io.ecrm.benchmarks.harness;

import io.ecrm.schemas.ClickEvent;
import io.ecrm.schemas.EventType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Freshness: how long after an event is accepted it changes that visitor's recommendations. Each
 * sample is a new visitor who views one popular item that has neighbours: before, the visitor gets
 * the popular items; once the view is in their history, the answer holds that item's neighbours,
 * marked {@code "because": item}. The time runs from the 202 of the event's POST to the first
 * answer showing the effect, polled over HTTP every {@value #POLL_MILLIS} ms.
 */
final class FreshnessProbe implements AutoCloseable {
    static final long POLL_MILLIS = 5;

    private final BenchEngine engine;
    private final LoopbackClient client;
    private final String[] candidates;
    private final long timeoutMillis;
    private final String tag;
    private int samples;
    private volatile double weight;
    private final java.util.List<Long> effects = new java.util.ArrayList<>();
    private int next;

    /**
     * @param candidates items to view, tried in turn until one has neighbours (the most popular first)
     * @param tag        keeps the visitor and event ids of this probe apart from others
     */
    FreshnessProbe(BenchEngine engine, String[] candidates, long timeoutMillis, String tag) {
        this.engine = engine;
        this.client = engine.client();
        this.candidates = candidates;
        this.timeoutMillis = timeoutMillis;
        this.tag = tag;
    }

    /** What the probe's accepted events add to the item counts. */
    double weight() {
        return weight;
    }

    /**
     * What the probe's events whose effect showed at least {@code settleMillis} ago add to the item
     * counts: their visitor side is done, and their counts reach the item counts within a
     * neighbour refresh. A run waiting for the stores can wait for these without chasing the
     * events the probe keeps sending.
     */
    synchronized double settledWeight(long settleMillis) {
        long before = System.nanoTime() - settleMillis * 1_000_000L;
        return effects.stream().filter(t -> t < before).count() * ShopTraffic.weightOf(EventType.PRODUCT_VIEW);
    }

    /**
     * Takes one sample: nanoseconds from acceptance to effect; -1 when no candidate has neighbours
     * yet; {@link Long#MAX_VALUE} when the effect did not show within the timeout.
     */
    long sample() throws IOException, InterruptedException {
        String item = null;
        for (int i = 0; i < candidates.length && item == null; i++) {
            String candidate = candidates[(next + i) % candidates.length];
            if (!engine.tenant().streams().neighbours(candidate).neighbours().isEmpty()) {
                item = candidate;
            }
        }
        next++;
        if (item == null) {
            return -1;
        }
        String visitor = "probe-" + tag + "-" + samples++;
        ClickEvent event = ClickEvent.item("probe-" + tag + "-" + samples, EventType.PRODUCT_VIEW,
                System.currentTimeMillis(), visitor, item);
        StringBuilder json = new StringBuilder("[");
        ShopTraffic.appendJson(event, json);
        LoopbackClient.Answer posted = client.postJson("/v1/events", json.append(']').toString().getBytes(StandardCharsets.UTF_8));
        long accepted = System.nanoTime();
        if (posted.status() != 202) {
            throw new IOException("the probe's event was refused: " + posted.status() + " " + posted.text());
        }
        weight += ShopTraffic.weightOf(EventType.PRODUCT_VIEW);
        String effect = "\"because\":\"" + item + "\"";
        String target = "/v1/customers/" + visitor + "/recommendations?count=10";
        long deadline = accepted + timeoutMillis * 1_000_000L;
        while (System.nanoTime() < deadline) {
            LoopbackClient.Answer answer = client.get(target);
            if (answer.status() == 200 && answer.text().contains(effect)) {
                long seen = System.nanoTime();
                synchronized (this) {
                    effects.add(seen);
                }
                return seen - accepted;
            }
            Thread.sleep(POLL_MILLIS);
        }
        return Long.MAX_VALUE;
    }

    @Override
    public void close() {
        client.close();
    }
}
