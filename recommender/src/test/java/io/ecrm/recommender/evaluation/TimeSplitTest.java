package io.ecrm.recommender.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimeSplitTest {
    private static final long DAY = TimeSplit.DAY_MILLIS;
    private static final long HOUR = DAY / 24;

    private static List<String> sessions(List<Click> clicks) {
        return clicks.stream().map(Click::sessionId).distinct().toList();
    }

    private static List<Click> threeDays() {
        List<Click> clicks = new ArrayList<>();
        // s1 starts on day 0, s2 at the end of day 1 and runs into day 2, s3 on day 2 (the last click at 2d 12h)
        clicks.add(new Click("s1", "a", 0));
        clicks.add(new Click("s1", "b", HOUR));
        clicks.add(new Click("s2", "a", DAY + 11 * HOUR));
        clicks.add(new Click("s2", "c", DAY + 13 * HOUR));
        clicks.add(new Click("s3", "b", 2 * DAY + 11 * HOUR));
        clicks.add(new Click("s3", "c", 2 * DAY + 12 * HOUR));
        return clicks;
    }

    @Test
    void theSessionsStartingInTheLastDayAreTestTheRestTrain() {
        // the last day is (1d 12h, 2d 12h]: s2 started before it and stays in train with all its clicks
        TimeSplit split = TimeSplit.lastWindow(threeDays());
        assertEquals(List.of("s1", "s2"), sessions(split.train()));
        assertEquals(List.of("s3"), sessions(split.test()));
        assertEquals(4, split.train().size());
    }

    @Test
    void anEarlierDayIsTestWithOnlyWhatCameBeforeItAsTrain() {
        // day 2 from the end is (12h, 1d 12h]: s2 is test, s1 train, s3 (after it) is left out
        TimeSplit split = TimeSplit.window(threeDays(), 2, DAY);
        assertEquals(List.of("s1"), sessions(split.train()));
        assertEquals(List.of("s2"), sessions(split.test()));
    }

    @Test
    void dataOverSixtyDaysLongHasItsLastWeekAsTest() {
        List<Click> clicks = new ArrayList<>(List.of(new Click("old", "a", 0), new Click("old", "b", 1),
                new Click("week", "a", 60 * DAY), new Click("week", "b", 60 * DAY + 1),
                new Click("last", "a", 66 * DAY), new Click("last", "b", 66 * DAY + 1)));
        assertEquals(List.of("week", "last"), sessions(TimeSplit.lastWindow(clicks).test()));
    }
}
