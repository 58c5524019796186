package io.ecrm.serving.cli;

import io.ecrm.serving.EngineSettings;
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
        EngineSettings settings = options.toSettings();
        System.out.println(settings.toString().replace(", ", ",\n  ").replace("[", "[\n  "));
        if (!settings.streams().replicationChosen()) {
            System.out.println("(a replicationFactor or minInsyncReplicas of 0 is chosen from the cluster at start: "
                    + "min(3, brokers) copies, one less in sync, at most 2; /health shows the choice)");
        }
        return 0;
    }
}
