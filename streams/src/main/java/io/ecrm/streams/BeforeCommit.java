package io.ecrm.streams;

import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.internals.InternalProcessorContext;
import org.apache.kafka.streams.processor.internals.ProcessorNode;
import org.apache.kafka.streams.processor.internals.ProcessorRecordContext;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * A state store that holds nothing and runs its task's processor just before each commit.
 * <p>
 * Before Kafka Streams commits a task it flushes the record caches of the task's stores, then the
 * producer, then commits the transaction: what a store sends from its cache flush belongs to the
 * transaction that also commits the input offsets. This store has no cache; its cache flush runs
 * the processor's action instead ({@link #flushCache}). Its {@link #flush}, which comes with
 * checkpoints after a commit, does nothing. A processor that sums in memory (the
 * visitor side's co-occurrence updates) sends its sums from here, and so never needs a
 * changelogged buffer: a crash aborts the open transaction, the state is restored to the last
 * commit and the events since are processed again, so the sums lost with the memory are
 * rebuilt from the same events; a clean close or a rebalance commits, which flushes first.
 * <p>
 * Forwarding outside {@code process} and punctuation is what Kafka Streams' own record cache
 * does when it flushes; the Processor API does not expose it, so {@link #send} sets the node and
 * record context through the internal context, as a punctuation would have them.
 */
public final class BeforeCommit implements StateStore, CachedStateStore<Object, Object> {
    private final String name;
    private volatile Runnable action = () -> { };
    private boolean open;

    private BeforeCommit(String name) {
        this.name = name;
    }

    /**
     * Runs {@code action} at each flush of this store from now on, in place of any earlier one.
     * The action runs on the task's stream thread, like {@code process}.
     */
    public void beforeEachCommit(Runnable action) {
        this.action = action;
    }

    /** Forwards a record as {@code node} to its child {@code child}, outside {@code process}: what a pre-commit action sends through. */
    public static <K, V> void send(ProcessorContext<K, V> context, ProcessorNode<?, ?, ?, ?> node,
                                   org.apache.kafka.streams.processor.api.Record<K, V> record, String child) {
        asNode(context, node, record.timestamp(), () -> context.forward(record, child));
    }

    /**
     * Runs {@code writes} as {@code node} with a record context stamped {@code timestamp}, outside
     * {@code process}: what a pre-commit action writes its stores through, so that their changelog
     * records carry a time, as a punctuation's writes do.
     */
    public static void asNode(ProcessorContext<?, ?> context, ProcessorNode<?, ?, ?, ?> node, long timestamp,
                              Runnable writes) {
        InternalProcessorContext<?, ?> internal = (InternalProcessorContext<?, ?>) context;
        ProcessorNode<?, ?, ?, ?> previousNode = internal.currentNode();
        ProcessorRecordContext previousContext = internal.recordContext();
        internal.setCurrentNode(node);
        internal.setRecordContext(new ProcessorRecordContext(timestamp, -1L, -1, null, new RecordHeaders()));
        try {
            writes.run();
        } finally {
            internal.setRecordContext(previousContext);
            internal.setCurrentNode(previousNode);
        }
    }

    /** The node a processor runs as, to be called from its {@code init}; given back to {@link #send}. */
    public static ProcessorNode<?, ?, ?, ?> currentNode(ProcessorContext<?, ?> context) {
        return ((InternalProcessorContext<?, ?>) context).currentNode();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        context.register(root, (key, value) -> { }); // holds nothing: nothing to restore
        open = true;
    }

    /** Runs the action: called for every commit of the task, before its producer is flushed. */
    @Override
    public void flushCache() {
        action.run();
    }

    @Override
    public void flush() {
        // after a commit (checkpoints): too late to send anything in its transaction
    }

    @Override
    public void clearCache() {
        // holds nothing: a task closed dirty loses the processor's memory with it, and is processed again
    }

    @Override
    public boolean setFlushListener(CacheFlushListener<Object, Object> listener, boolean sendOldValues) {
        return false;
    }

    @Override
    public void close() {
        action = () -> { };
        open = false;
    }

    @Override
    public boolean persistent() {
        return false;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    /** Builds one per task; never logged or cached (it holds nothing). */
    public static StoreBuilder<BeforeCommit> builder(String name) {
        return new StoreBuilder<>() {
            @Override
            public StoreBuilder<BeforeCommit> withCachingEnabled() {
                return this;
            }

            @Override
            public StoreBuilder<BeforeCommit> withCachingDisabled() {
                return this;
            }

            @Override
            public StoreBuilder<BeforeCommit> withLoggingEnabled(Map<String, String> config) {
                return this;
            }

            @Override
            public StoreBuilder<BeforeCommit> withLoggingDisabled() {
                return this;
            }

            @Override
            public BeforeCommit build() {
                return new BeforeCommit(name);
            }

            @Override
            public Map<String, String> logConfig() {
                return Map.of();
            }

            @Override
            public boolean loggingEnabled() {
                return false;
            }

            @Override
            public String name() {
                return name;
            }
        };
    }
}
