package io.ecrm.recommender.evaluation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Train and test sessions prepared by the protocol of {@code EVALUATION.md}, with the counts left
 * after each cleaning step: drop sessions of length 1; drop items seen fewer than 5 times in
 * train; drop test clicks on items not in train; drop test sessions left with fewer than 2 clicks.
 */
public record EvaluationData(List<Session> train, List<Session> test, List<Step> steps, List<Session> peerTrain,
                             List<Session> peerTest) {
    public static final int MIN_ITEM_SUPPORT = 5;

    /** The data after one step. */
    public record Step(String name, long trainClicks, long trainSessions, long trainItems, long testClicks,
                       long testSessions, long testItems) {
    }

    public static EvaluationData prepare(List<Click> trainClicks, List<Click> testClicks, boolean clean) {
        List<Session> train = sessions(trainClicks);
        List<Session> test = sessions(testClicks);
        List<Step> steps = new ArrayList<>();
        steps.add(step("as read", train, test));
        List<Session> peerTrain = train;
        Set<String> readItems = new HashSet<>();
        train.forEach(s -> readItems.addAll(s.items()));
        List<Session> peerTest = dropItems(test, readItems::contains);
        if (clean) {
            train = filter(train, s -> s.length() >= 2);
            test = filter(test, s -> s.length() >= 2);
            steps.add(step("sessions of length 1 dropped", train, test));
            Map<String, Integer> support = new HashMap<>();
            train.forEach(s -> s.items().forEach(i -> support.merge(i, 1, Integer::sum)));
            train = dropItems(train, i -> support.get(i) >= MIN_ITEM_SUPPORT);
            steps.add(step("items seen < " + MIN_ITEM_SUPPORT + " times in train dropped", train, test));
            Set<String> known = new HashSet<>();
            train.forEach(s -> known.addAll(s.items()));
            test = dropItems(test, known::contains);
            steps.add(step("test clicks on items not in train dropped", train, test));
            test = filter(test, s -> s.length() >= 2);
            steps.add(step("test sessions < 2 clicks dropped", train, test));
        }
        return new EvaluationData(train, test, steps, peerTrain, peerTest);
    }

    /** Groups clicks into sessions (clicks of a session in time order) ordered by their last click. */
    static List<Session> sessions(List<Click> clicks) {
        Map<String, List<Click>> bySession = new LinkedHashMap<>();
        clicks.forEach(c -> bySession.computeIfAbsent(c.sessionId(), id -> new ArrayList<>()).add(c));
        List<Session> sessions = new ArrayList<>(bySession.size());
        bySession.forEach((id, list) -> {
            list.sort(Comparator.comparingLong(Click::timestampMillis));
            sessions.add(new Session(id, list.stream().map(Click::itemId).toList(), list.get(list.size() - 1).timestampMillis(),
                    list.stream().map(Click::timestampMillis).toList()));
        });
        sessions.sort(Comparator.comparingLong(Session::endMillis).thenComparing(Session::id));
        return sessions;
    }

    private static List<Session> filter(List<Session> sessions, java.util.function.Predicate<Session> keep) {
        return sessions.stream().filter(keep).toList();
    }

    private static List<Session> dropItems(List<Session> sessions, java.util.function.Predicate<String> keep) {
        List<Session> kept = new ArrayList<>(sessions.size());
        for (Session s : sessions) {
            List<String> items = new ArrayList<>(s.length());
            List<Long> times = new ArrayList<>(s.length());
            for (int k = 0; k < s.length(); k++) {
                if (keep.test(s.items().get(k))) {
                    items.add(s.items().get(k));
                    times.add(s.clickMillis().get(k));
                }
            }
            if (!items.isEmpty()) {
                kept.add(new Session(s.id(), items, s.endMillis(), times));
            }
        }
        return kept;
    }

    private static Step step(String name, List<Session> train, List<Session> test) {
        return new Step(name, clicks(train), train.size(), items(train), clicks(test), test.size(), items(test));
    }

    private static long clicks(List<Session> sessions) {
        return sessions.stream().mapToLong(Session::length).sum();
    }

    private static long items(List<Session> sessions) {
        Set<String> items = new HashSet<>();
        sessions.forEach(s -> items.addAll(s.items()));
        return items.size();
    }

    /** Number of prefixes the protocol scores: each test session of n clicks gives n - 1. */
    public long prefixes() {
        return test.stream().mapToLong(s -> s.length() - 1).sum();
    }
}
