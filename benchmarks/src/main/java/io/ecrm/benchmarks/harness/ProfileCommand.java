package io.ecrm.benchmarks.harness;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bench profile FILE.jfr}: where a Streams thread's time went in a flight recording of a
 * run (started with {@code java -XX:StartFlightRecording=filename=FILE.jfr,settings=profile -jar ...}).
 * Counts the execution and native-method samples of the threads whose names match, leaves out
 * native samples that only wait for the network, and sorts each sample into the first stage of
 * the topology found on its stack, innermost stages first. JFR samples threads in Java code more
 * often than threads in native code (RocksDB): shares say where to look, the CPU table of
 * {@code bench ingest} says how much.
 */
@Command(name = "profile", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Where a Streams thread's time went, from a JFR recording of a bench run.")
final class ProfileCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE.jfr", description = "A recording made with -XX:StartFlightRecording.")
    Path file;

    @Option(names = "--threads", defaultValue = ".*-StreamThread-\\d+",
            description = "Threads to count, a regular expression on the whole name (default: ${DEFAULT-VALUE}).")
    String threads;

    @Option(names = "--top", defaultValue = "15", description = "Innermost frames to list (default: ${DEFAULT-VALUE}).")
    int top;

    /** Stages, by the frames that mark them; the first that matches a sample's stack takes it. */
    private static final List<Map.Entry<String, Predicate<String>>> STAGES = List.of(
            stage("item side, refresh: LLR scoring (ItemNeighbours.score)", s -> s.contains("ItemNeighbours.score")
                    && !s.contains("ItemCountsProcessor.countOf")),
            stage("item side, refresh: co-item count lookups (countOf)", s -> s.contains("ItemCountsProcessor.countOf")),
            stage("item side, refresh: reading an item's pairs (prefix scan)", s -> s.contains("ItemCountsProcessor.cooccurrence")),
            stage("item side, refresh: pruning and the rest", s -> s.contains("ItemCountsProcessor.refresh")),
            stage("item side: applying updates (ItemCountsProcessor.process)", s -> s.contains("ItemCountsProcessor.process")),
            stage("visitor side: visit expiry (VisitorProcessor.closeVisits)", s -> s.contains("VisitorProcessor.closeVisits")),
            stage("visitor side: summed item updates sent before a commit (VisitorProcessor.send)",
                    s -> s.contains("VisitorProcessor.send")),
            stage("visitor side: profile, visits and history (VisitorProcessor.deliver)", s -> s.contains("VisitorProcessor.deliver")),
            stage("visitor side: identity (VisitorProcessor.link, merge)", s -> s.contains("VisitorProcessor.link")
                    || s.contains("VisitorProcessor.merge")),
            stage("visitor side: cleaning, and reading and writing the visitor record (VisitorProcessor)",
                    s -> s.contains("VisitorProcessor.")),
            stage("reading records (deserialisation, queues)", s -> s.contains("RecordDeserializer") || s.contains("RecordQueue")),
            stage("commits (producer flush, transactions, cache flush)", s -> s.contains("TaskManager.commit")
                    || s.contains("commitTasksAndMaybeUpdateCommittableOffsets") || s.contains("maybeCommit")),
            stage("consumer poll", s -> s.contains("KafkaConsumer.poll") || s.contains("pollPhase")));

    private static Map.Entry<String, Predicate<String>> stage(String name, Predicate<String> test) {
        return Map.entry(name, test);
    }

    @Override
    public Integer call() throws Exception {
        Pattern names = Pattern.compile(threads);
        Map<String, Long> byStage = new LinkedHashMap<>();
        STAGES.forEach(s -> byStage.put(s.getKey(), 0L));
        byStage.put("other (task loop, metrics, punctuation queue)", 0L);
        Map<String, Long> innermost = new HashMap<>();
        long samples = 0;
        long idle = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            String type = event.getEventType().getName();
            if (!type.equals("jdk.ExecutionSample") && !type.equals("jdk.NativeMethodSample")) {
                continue;
            }
            RecordedThread thread = event.getThread("sampledThread");
            RecordedStackTrace stack = event.getStackTrace();
            if (thread == null || stack == null || stack.getFrames().isEmpty()
                    || !names.matcher(String.valueOf(thread.getJavaName())).matches()) {
                continue;
            }
            String top = name(stack.getFrames().get(0));
            if (type.equals("jdk.NativeMethodSample") && (top.contains("EPoll") || top.contains("poll0"))) {
                idle++;
                continue;
            }
            samples++;
            StringBuilder frames = new StringBuilder();
            stack.getFrames().forEach(f -> frames.append(name(f)).append(' '));
            String all = frames.toString();
            String stage = STAGES.stream().filter(s -> s.getValue().test(all)).map(Map.Entry::getKey).findFirst()
                    .orElse("other (task loop, metrics, punctuation queue)");
            byStage.merge(stage, 1L, Long::sum);
            innermost.merge(top, 1L, Long::sum);
        }
        if (samples == 0) {
            throw new IllegalArgumentException("no samples of threads matching " + threads + " in " + file);
        }
        long total = samples;
        System.out.printf("%s: %,d samples of threads matching %s (%,d more only waiting for the network)%n%n",
                file, samples, threads, idle);
        System.out.println("| stage | samples | share |\n|---|---|---|");
        byStage.entrySet().stream().filter(e -> e.getValue() > 0).sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                .forEach(e -> System.out.printf("| %s | %,d | %.1f%% |%n", e.getKey(), e.getValue(), 100.0 * e.getValue() / total));
        System.out.println("\n| innermost frame | samples | share |\n|---|---|---|");
        innermost.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue())).limit(top)
                .forEach(e -> System.out.printf("| `%s` | %,d | %.1f%% |%n", e.getKey(), e.getValue(), 100.0 * e.getValue() / total));
        return 0;
    }

    private static String name(RecordedFrame frame) {
        String type = frame.getMethod().getType().getName();
        return type.substring(type.lastIndexOf('.') + 1) + "." + frame.getMethod().getName();
    }
}
