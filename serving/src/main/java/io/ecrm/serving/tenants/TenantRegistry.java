package io.ecrm.serving.tenants;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.ecrm.schemas.TenantId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The tenants file ({@code <data-dir>/tenants.json}): who may use the API with which key. Written
 * whole to a temporary file and renamed, so a reader never sees half a file.
 */
public final class TenantRegistry {
    /** The file's content. */
    public record Contents(List<TenantRecord> tenants) {
        public Contents {
            tenants = tenants == null ? List.of() : List.copyOf(tenants);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private static final long RELOAD_CHECK_MILLIS = 1_000;

    private final Path file;
    private volatile List<TenantRecord> tenants;
    private volatile long loadedModified;
    private volatile long checkedAt;

    private TenantRegistry(Path file) {
        this.file = file;
    }

    public static TenantRegistry open(Path file) throws IOException {
        TenantRegistry registry = new TenantRegistry(file);
        registry.load();
        return registry;
    }

    private void load() throws IOException {
        if (!Files.exists(file)) {
            tenants = List.of();
            loadedModified = 0;
            return;
        }
        loadedModified = Files.getLastModifiedTime(file).toMillis();
        tenants = JSON.readValue(file.toFile(), Contents.class).tenants();
    }

    /** Told of each tenant a reload found changed: {@code before} null for a tenant added, {@code after} null for one removed. */
    @FunctionalInterface
    public interface Changes {
        void changed(TenantRecord before, TenantRecord after);
    }

    private volatile Changes changes = (before, after) -> { };

    /** Tells {@code listener} of the changes reloads of the file find from now on (keys added or revoked, quotas set). */
    public void onReload(Changes listener) {
        this.changes = listener;
    }

    /** Picks up keys added or rotated by `ecrm tenant` while the engine runs; checked at most once a second. */
    private void reloadIfChanged() {
        long now = System.currentTimeMillis();
        if (now - checkedAt < RELOAD_CHECK_MILLIS) {
            return;
        }
        checkedAt = now;
        try {
            long modified = Files.exists(file) ? Files.getLastModifiedTime(file).toMillis() : 0;
            if (modified != loadedModified) {
                List<TenantRecord> before = tenants;
                load();
                tell(before, tenants);
            }
        } catch (IOException e) {
            // keep the keys already loaded: a half-written file is never seen (writes rename), so this is a read error
        }
    }

    private void tell(List<TenantRecord> before, List<TenantRecord> after) {
        java.util.Map<String, TenantRecord> old = new java.util.HashMap<>();
        before.forEach(t -> old.put(t.id(), t));
        for (TenantRecord now : after) {
            TenantRecord was = old.remove(now.id());
            if (!now.equals(was)) {
                changes.changed(was, now);
            }
        }
        old.values().forEach(gone -> changes.changed(gone, null));
    }

    public List<TenantRecord> tenants() {
        return tenants;
    }

    public Optional<TenantRecord> find(String id) {
        reloadIfChanged();
        for (TenantRecord tenant : tenants) { // on every keyed request (its quota): a loop, not a stream
            if (tenant.id().equals(id)) {
                return Optional.of(tenant);
            }
        }
        return Optional.empty();
    }

    /** Who a valid key is: its tenant, the key's name and its scopes. */
    public record Caller(TenantId tenant, String keyName, java.util.Set<Scope> scopes) {
    }

    /** The caller a presented key stands for, when the key is valid. */
    public Optional<Caller> authenticate(String presented) {
        Optional<ApiKey> key = ApiKey.parse(presented);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        reloadIfChanged();
        for (TenantRecord tenant : tenants) {
            for (StoredKey stored : tenant.keys()) {
                if (key.get().matches(stored)) {
                    return Optional.of(new Caller(new TenantId(tenant.id()), stored.displayName(), stored.scopes()));
                }
            }
        }
        return Optional.empty();
    }

    /** Adds a tenant with a new key; returns the key, the only time its secret is seen. */
    public ApiKey add(TenantId id, String name, List<String> allowedOrigins) throws IOException {
        if (find(id.value()).isPresent()) {
            throw new IllegalArgumentException("tenant " + id + " exists already; rotate its key with `tenant rotate-key`");
        }
        ApiKey key = ApiKey.generate();
        return addWithKey(id, name, allowedOrigins, key);
    }

    /** Adds a tenant with a given key (the demo's well-known key). */
    public ApiKey addWithKey(TenantId id, String name, List<String> allowedOrigins, ApiKey key) throws IOException {
        List<TenantRecord> next = new ArrayList<>(tenants);
        next.add(new TenantRecord(id.value(), name, allowedOrigins, List.of(key.toStored(Instant.now().toString(), null, Scope.ALL)),
                null));
        save(next);
        return key;
    }

    /** Replaces the tenant's keys with a new one; returns it. Requests with an old key fail from then on. */
    public ApiKey rotateKey(TenantId id) throws IOException {
        TenantRecord tenant = find(id.value()).orElseThrow(() -> new IllegalArgumentException("no tenant " + id));
        ApiKey key = ApiKey.generate();
        List<TenantRecord> next = new ArrayList<>();
        for (TenantRecord t : tenants) {
            next.add(t != tenant ? t : t.withKeys(List.of(key.toStored(Instant.now().toString(), null, Scope.ALL))));
        }
        save(next);
        return key;
    }

    /**
     * Adds a key to the tenant beside its others; returns it, the only time its secret is seen.
     *
     * @param name   who holds it ({@code agent-desk}); unique within the tenant
     * @param scopes what it may do
     */
    public ApiKey addKey(TenantId id, String name, java.util.Set<Scope> scopes) throws IOException {
        return addKey(id, name, scopes, ApiKey.generate());
    }

    /** {@link #addKey(TenantId, String, java.util.Set)} with a given key (the demo's well-known ones, tests). */
    public ApiKey addKey(TenantId id, String name, java.util.Set<Scope> scopes, ApiKey key) throws IOException {
        TenantRecord tenant = find(id.value()).orElseThrow(() -> new IllegalArgumentException("no tenant " + id));
        if (name != null && tenant.keys().stream().anyMatch(k -> name.equals(k.name()))) {
            throw new IllegalArgumentException("tenant " + id + " has a key named " + name + " already");
        }
        if (scopes.isEmpty()) {
            throw new IllegalArgumentException("a key needs at least one scope: events, read or admin");
        }
        List<StoredKey> keys = new ArrayList<>(tenant.keys());
        keys.add(key.toStored(Instant.now().toString(), name, scopes));
        replace(tenant, tenant.withKeys(keys));
        return key;
    }

    /** Removes the tenant's key with this id or name; requests with it fail from then on. */
    public StoredKey revokeKey(TenantId id, String keyIdOrName) throws IOException {
        TenantRecord tenant = find(id.value()).orElseThrow(() -> new IllegalArgumentException("no tenant " + id));
        StoredKey revoked = tenant.keys().stream().filter(k -> k.keyId().equals(keyIdOrName) || keyIdOrName.equals(k.name()))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("tenant " + id + " has no key " + keyIdOrName));
        List<StoredKey> keys = new ArrayList<>(tenant.keys());
        keys.remove(revoked);
        replace(tenant, tenant.withKeys(keys));
        return revoked;
    }

    /** Sets the tenant's quota; a running engine applies it within a second. */
    public void setQuota(TenantId id, Quota quota) throws IOException {
        TenantRecord tenant = find(id.value()).orElseThrow(() -> new IllegalArgumentException("no tenant " + id));
        replace(tenant, new TenantRecord(tenant.id(), tenant.name(), tenant.allowedOrigins(), tenant.keys(), quota));
    }

    private void replace(TenantRecord before, TenantRecord after) throws IOException {
        List<TenantRecord> next = new ArrayList<>();
        for (TenantRecord t : tenants) {
            next.add(t == before ? after : t);
        }
        save(next);
    }

    private void save(List<TenantRecord> next) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        JSON.writeValue(temporary.toFile(), new Contents(next));
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        tenants = List.copyOf(next);
        loadedModified = Files.getLastModifiedTime(file).toMillis();
    }
}
