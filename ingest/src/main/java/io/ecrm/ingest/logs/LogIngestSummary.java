package io.ecrm.ingest.logs;

import java.util.EnumMap;
import java.util.Map;

/** Counts of one log ingest run: lines read, events made, and lines that made none, by reason. */
public final class LogIngestSummary {
    private long lines;
    private long events;
    private final Map<LogRejectReason, Long> rejected = new EnumMap<>(LogRejectReason.class);

    public void add(LogEventMapper.Outcome outcome) {
        lines++;
        if (outcome.ok()) {
            events++;
        } else {
            rejected.merge(outcome.rejection(), 1L, Long::sum);
        }
    }

    public long lines() {
        return lines;
    }

    public long events() {
        return events;
    }

    public long count(LogRejectReason reason) {
        return rejected.getOrDefault(reason, 0L);
    }

    public long malformed() {
        return rejected.entrySet().stream().filter(e -> e.getKey().malformed()).mapToLong(Map.Entry::getValue).sum();
    }

    public long notEvents() {
        return lines - events;
    }
}
