package io.ecrm.benchmarks;

import io.ecrm.benchmarks.harness.BenchCommand;
import java.util.Arrays;

/**
 * The benchmarks jar's entry point: {@code bench ingest|serve|soak [options]} runs the load harness
 * ("ecrm bench", see {@link BenchCommand}); anything else goes to JMH's own command line, so
 * {@code java -jar benchmarks.jar} runs every JMH benchmark and {@code java -jar benchmarks.jar Recommend} one.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("bench")) {
            System.exit(BenchCommand.run(Arrays.copyOfRange(args, 1, args.length)));
        }
        org.openjdk.jmh.Main.main(args);
    }
}
