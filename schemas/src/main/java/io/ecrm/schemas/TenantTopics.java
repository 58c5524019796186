package io.ecrm.schemas;

/**
 * The topic names and Streams application id of one tenant. Every name carries the tenant, so
 * tenants share nothing but the brokers: {@code ecrm.<tenant>.<name>}.
 */
public record TenantTopics(TenantId tenant) {
    /** Validated clickstream events, keyed by visitor ({@code c:<customerId>} or {@code a:<anonymousId>}). */
    public String events() {
        return name("events");
    }

    /** Events the cleaning stage refused, each with its reason: nothing is dropped without a trace. */
    public String rejected() {
        return name("rejected");
    }

    /** The shop's catalogue: item id -> item attributes (JSON), compacted: the latest item per id. */
    public String catalog() {
        return name("catalog");
    }

    /** Closed visits (session summaries, JSON), keyed by visitor. */
    public String sessions() {
        return name("sessions");
    }

    /** Requests to erase a visitor, keyed like the events (so they reach the same task); the value says who asked. */
    public String forget() {
        return name("forget");
    }

    /** What the visitor side sends itself (events of linked ids, identity links, moved state), keyed by visitor. */
    public String visitorRouting() {
        return name("visitor-routing");
    }

    /** Co-occurrence updates, keyed by item: the visitor-partitioned side talks to the item-partitioned side here. */
    public String itemUpdates() {
        return name("item-updates");
    }

    /** Weighted item counts (compacted), the source of the global item-counts store. */
    public String itemCounts() {
        return name("item-counts");
    }

    /** Item activity (events by kind, decayed counts), compacted: the source of popularity and trending. */
    public String itemActivity() {
        return name("item-activity");
    }

    /** Follows lists: per item, what visitors went on to next (compacted), the source of the global follows store. */
    public String itemFollows() {
        return name("item-follows");
    }

    /** Scored neighbour lists (compacted), the source of the global item-neighbours store. */
    public String itemNeighbours() {
        return name("item-neighbours");
    }

    /**
     * The tenant's fitted model (compacted, one partition): the serving settings in use and the
     * last fits, one record under one key, so every instance serves the same settings and a
     * restart keeps them.
     */
    public String model() {
        return name("model");
    }

    /**
     * What the tenant's keys did with admin rights (erasures, segment definitions, exports, fits,
     * settings, experiments), and admin requests refused: one JSON record each, in order (one
     * partition), kept {@code 400} days. Names the key, never holds it.
     */
    public String audit() {
        return name("audit");
    }

    /** The Kafka Streams application id: one per tenant, so state and consumer groups are per tenant. */
    public String applicationId() {
        return "ecrm-" + tenant.value();
    }

    /** Whether {@code topic} is one of this tenant's: its own topics and its Streams application's changelogs and repartition topics. */
    public boolean owns(String topic) {
        return topic.startsWith(name("")) || topic.startsWith(applicationId() + "-");
    }

    private String name(String suffix) {
        return "ecrm." + tenant.value() + "." + suffix;
    }
}
