package io.ecrm.serving.segments;

import io.ecrm.serving.TenantEngine;
import io.ecrm.streams.segments.ProfileSource;
import io.ecrm.streams.segments.SegmentComputation;
import io.ecrm.streams.segments.SegmentDefinition;
import io.ecrm.streams.segments.SegmentDefinitions;
import io.ecrm.streams.segments.SegmentSettings;
import io.ecrm.streams.segments.SegmentSnapshot;
import io.ecrm.streams.segments.export.SegmentExport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.LongSupplier;

/**
 * One tenant's segments: its rule definitions file and the last computed snapshot, recomputed
 * when asked to or once older than {@link SegmentSettings#maxAgeMillis}, and at once after a
 * definition changes. One computation at a time per tenant; readers of a snapshot never wait for
 * the next one once there is a first.
 */
public final class TenantSegments {
    private final TenantEngine tenant;
    private final ProfileSource profiles;
    private final SegmentDefinitions definitions;
    private final SegmentSettings settings;
    private final LongSupplier clock;
    private volatile SegmentSnapshot snapshot;

    TenantSegments(TenantEngine tenant, ProfileSource profiles, Path definitionsFile, SegmentSettings settings, LongSupplier clock) {
        this.tenant = tenant;
        this.profiles = profiles;
        this.definitions = new SegmentDefinitions(definitionsFile);
        this.settings = settings;
        this.clock = clock;
    }

    /** The current snapshot, computed first if there is none, it is stale, or {@code refresh} asks for a new one. */
    public SegmentSnapshot snapshot(boolean refresh) {
        SegmentSnapshot current = snapshot;
        if (!refresh && current != null && clock.getAsLong() - current.updatedAtMillis() < settings.maxAgeMillis()) {
            return current;
        }
        synchronized (this) {
            if (!refresh && snapshot != null && snapshot != current) {
                return snapshot; // computed by another request while this one waited
            }
            snapshot = SegmentComputation.compute(profiles, definitions.load(), settings, clock.getAsLong());
            return snapshot;
        }
    }

    /** Adds or replaces a rule segment; the next snapshot is computed with it. Returns true when it replaced one. */
    public boolean put(SegmentDefinition definition) throws IOException {
        boolean replaced = definitions.put(definition);
        snapshot = null;
        return replaced;
    }

    /** Removes a rule segment; false when there was none of that name. */
    public boolean remove(String name) throws IOException {
        boolean removed = definitions.remove(name);
        if (removed) {
            snapshot = null;
        }
        return removed;
    }

    public TenantEngine tenant() {
        return tenant;
    }

    public ProfileSource profiles() {
        return profiles;
    }

    public SegmentSettings settings() {
        return settings;
    }

    public SegmentExport.Recommend recommend() {
        return SegmentRecommendations.of(tenant);
    }
}
