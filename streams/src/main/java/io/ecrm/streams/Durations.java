package io.ecrm.streams;

import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** How the engine's users write a duration, in segment rules and settings alike: a whole number and a unit, {@code 30m}, {@code 24h}, {@code 7d}, {@code 2w}. */
public final class Durations {
    private static final long DAY_MILLIS = 86_400_000L;
    private static final Pattern DURATION = Pattern.compile("([1-9][0-9]{0,5})([mhdw])");

    private Durations() {
    }

    /** The duration in milliseconds; empty when the text is no duration. */
    public static OptionalLong millis(String text) {
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            return OptionalLong.empty();
        }
        long unit = switch (m.group(2)) {
            case "m" -> 60_000L;
            case "h" -> 3_600_000L;
            case "d" -> DAY_MILLIS;
            default -> 7 * DAY_MILLIS;
        };
        return OptionalLong.of(Long.parseLong(m.group(1)) * unit);
    }
}
