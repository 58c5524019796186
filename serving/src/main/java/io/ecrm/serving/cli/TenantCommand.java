package io.ecrm.serving.cli;

import io.ecrm.schemas.TenantId;
import io.ecrm.serving.tenants.ApiKey;
import io.ecrm.serving.tenants.Quota;
import io.ecrm.serving.tenants.Scope;
import io.ecrm.serving.tenants.StoredKey;
import io.ecrm.serving.tenants.TenantRecord;
import io.ecrm.serving.tenants.TenantRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ecrm tenant add|list|rotate-key|add-key|list-keys|revoke-key}: manages the tenants file and
 * API keys (stored hashed), each key with a name and scopes.
 */
@Command(name = "tenant", mixinStandardHelpOptions = true, description = "Manage tenants and their API keys.",
        subcommands = {TenantCommand.Add.class, TenantCommand.ListTenants.class, TenantCommand.RotateKey.class,
            TenantCommand.AddKey.class, TenantCommand.ListKeys.class, TenantCommand.RevokeKey.class,
            TenantCommand.SetQuota.class})
final class TenantCommand {
    /** Scopes as the commands print them: by wire name, comma-separated, in their order. */
    static String scopes(java.util.Set<Scope> scopes) {
        return String.join(",", scopes.stream().sorted().map(Scope::wireName).toList());
    }

    /** Options every tenant subcommand shares. */
    static final class Registry {
        @Option(names = "--data-dir", defaultValue = "${env:ECRM_DATA_DIR:-ecrm-data}",
                description = "Data directory holding tenants.json (env ECRM_DATA_DIR; default ./ecrm-data).")
        Path dataDir;

        TenantRegistry open() throws Exception {
            return TenantRegistry.open(dataDir.resolve("tenants.json"));
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a tenant and print its first API key (shown once).")
    static final class Add implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        Registry registry;

        @Option(names = "--id", required = true, description = "Tenant id: a-z, 0-9 and '-'.")
        String id;

        @Option(names = "--name", description = "Display name.")
        String name;

        @Option(names = "--allowed-origin", description = "A browser origin allowed to use the collector (repeatable).")
        List<String> origins;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            ApiKey key = registry.open().add(new TenantId(id), name == null ? id : name, origins == null ? List.of() : origins);
            spec.commandLine().getOut().printf("tenant %s added; its API key (shown only now, stored hashed):%n%s%n", id, key.text());
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List tenants and their key ids.")
    static final class ListTenants implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        Registry registry;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            for (TenantRecord t : registry.open().tenants()) {
                spec.commandLine().getOut().printf("%-20s %-30s quota %s req/s %s events/s; keys: %s%n", t.id(), t.name(),
                        String.format("%,.0f", t.quota().requestsPerSecond()), String.format("%,.0f", t.quota().eventsPerSecond()),
                        String.join(", ", t.keys().stream().map(k -> k.keyId() + " " + k.displayName() + " [" + scopes(k.scopes())
                                + "]").toList()));
            }
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    @Command(name = "rotate-key", mixinStandardHelpOptions = true,
            description = "Replace a tenant's API keys with a new one (printed once); the old keys stop working.")
    static final class RotateKey implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        Registry registry;

        @Option(names = "--id", required = true, description = "Tenant id.")
        String id;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            ApiKey key = registry.open().rotateKey(new TenantId(id));
            spec.commandLine().getOut().printf("tenant %s has a new API key (the old ones no longer work):%n%s%n", id, key.text());
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    @Command(name = "add-key", mixinStandardHelpOptions = true,
            description = "Add a key to a tenant, beside its others, with the scopes given; print it (shown once).")
    static final class AddKey implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        Registry registry;

        @Option(names = "--id", required = true, description = "Tenant id.")
        String id;

        @Option(names = "--scope", required = true, split = ",",
                description = "What the key may do, repeatable or comma-separated: events (send events and the catalogue), "
                        + "read (recommendations, customers, items, segment lists, reports, model), admin (erase, rule "
                        + "segments, exports, fits, settings, experiments).")
        List<String> scopes;

        @Option(names = "--name", description = "Who holds the key (agent-desk, product-pages); shown in the audit trail.")
        String name;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            java.util.Set<Scope> chosen = java.util.EnumSet.noneOf(Scope.class);
            for (String scope : scopes) {
                chosen.add(Scope.of(scope.trim()).orElseThrow(() -> new picocli.CommandLine.ParameterException(
                        spec.commandLine(), "--scope must be events, read or admin, not '" + scope + "'")));
            }
            ApiKey key = registry.open().addKey(new TenantId(id), name, chosen);
            spec.commandLine().getOut().printf("tenant %s has a new key%s with scopes %s (shown only now, stored hashed):%n%s%n",
                    id, name == null ? "" : " " + name, scopes(chosen), key.text());
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    @Command(name = "list-keys", mixinStandardHelpOptions = true, description = "List a tenant's keys: id, name, scopes, created.")
    static final class ListKeys implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        Registry registry;

        @Option(names = "--id", required = true, description = "Tenant id.")
        String id;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            TenantRecord tenant = registry.open().find(id).orElseThrow(() -> new picocli.CommandLine.ParameterException(
                    spec.commandLine(), "no tenant " + id));
            for (StoredKey key : tenant.keys()) {
                spec.commandLine().getOut().printf("%-10s %-20s %-18s %s%n", key.keyId(), key.name() == null ? "-" : key.name(),
                        scopes(key.scopes()), key.createdAt());
            }
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    @Command(name = "revoke-key", mixinStandardHelpOptions = true,
            description = "Remove one of a tenant's keys, by id or name; requests with it fail within a second.")
    static final class RevokeKey implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        Registry registry;

        @Option(names = "--id", required = true, description = "Tenant id.")
        String id;

        @Option(names = "--key", required = true, description = "The key's id (the 8 hex digits after ecrm_) or name.")
        String key;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            StoredKey revoked = registry.open().revokeKey(new TenantId(id), key);
            spec.commandLine().getOut().printf("tenant %s: key %s (%s) revoked%n", id, revoked.keyId(), revoked.displayName());
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    @Command(name = "set-quota", mixinStandardHelpOptions = true,
            description = "Set a tenant's quota; a running engine applies it within a second. 0 means no limit.")
    static final class SetQuota implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        Registry registry;

        @Option(names = "--id", required = true, description = "Tenant id.")
        String id;

        @Option(names = "--requests-per-second", description = "Keyed API requests a second (default 2000).")
        Double requests;

        @Option(names = "--events-per-second", description = "Events a second over /v1/events, /v1/collect and the pixel (default 20000).")
        Double events;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            TenantRegistry tenants = registry.open();
            TenantRecord tenant = tenants.find(id).orElseThrow(() -> new picocli.CommandLine.ParameterException(
                    spec.commandLine(), "no tenant " + id));
            Quota next = new Quota(requests == null ? tenant.quota().requestsPerSecond() : requests,
                    events == null ? tenant.quota().eventsPerSecond() : events);
            tenants.setQuota(new TenantId(id), next);
            spec.commandLine().getOut().printf("tenant %s: %s requests/s, %s events/s (0: no limit)%n", id,
                    String.format("%,.0f", next.requestsPerSecond()), String.format("%,.0f", next.eventsPerSecond()));
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
