package io.ecrm.serving.cli;

import io.ecrm.schemas.TenantId;
import io.ecrm.serving.tenants.ApiKey;
import io.ecrm.serving.tenants.TenantRecord;
import io.ecrm.serving.tenants.TenantRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ecrm tenant add|list|rotate-key}: manages the tenants file and API keys (stored hashed). */
@Command(name = "tenant", mixinStandardHelpOptions = true, description = "Manage tenants and their API keys.",
        subcommands = {TenantCommand.Add.class, TenantCommand.ListTenants.class, TenantCommand.RotateKey.class})
final class TenantCommand {
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
                spec.commandLine().getOut().printf("%-20s %-30s keys: %s%n", t.id(), t.name(),
                        String.join(", ", t.keys().stream().map(k -> k.keyId() + " (" + k.createdAt() + ")").toList()));
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
}
