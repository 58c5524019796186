package io.ecrm.serving.segments;

import io.ecrm.serving.TenantEngine;
import io.ecrm.streams.segments.SegmentSettings;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The segments of every tenant this instance serves, each made on first use. Rule definitions
 * live in {@code <data-dir>/segments/<tenant>.json}.
 */
public final class SegmentRegistry {
    private final Path definitionsDir;
    private final SegmentSettings settings;
    private final Map<String, TenantSegments> byTenant = new ConcurrentHashMap<>();

    public SegmentRegistry(Path dataDir, SegmentSettings settings) {
        this.definitionsDir = dataDir.resolve("segments");
        this.settings = settings;
    }

    public TenantSegments of(TenantEngine tenant) {
        String id = tenant.topics().tenant().value();
        return byTenant.computeIfAbsent(id, t -> new TenantSegments(tenant, new LocalProfiles(tenant.streams()),
                definitionsDir.resolve(t + ".json"), settings, System::currentTimeMillis));
    }
}
