package io.ecrm.serving.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code ecrm config}: prints the effective settings, after flags, environment and defaults. */
@Command(name = "config", description = "Print the effective settings (flags, then ECRM_* environment, then defaults).")
final class ConfigCommand implements Callable<Integer> {
    @Mixin
    EngineOptions options;

    @Override
    public Integer call() {
        System.out.println(options.toSettings().toString().replace(", ", ",\n  ").replace("[", "[\n  "));
        return 0;
    }
}
