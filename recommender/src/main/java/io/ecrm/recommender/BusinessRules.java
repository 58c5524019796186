package io.ecrm.recommender;

import java.util.Arrays;

/**
 * The rules every answer obeys, whatever scored the items. Hard rules, never relaxed: no item the
 * visitor bought, no excluded item, not the item on screen, no unavailable item, only the asked
 * category. Soft rules: at most {@code maxPerCategory} items per category, relaxed when the answer
 * would otherwise stay short; no item the visitor has seen (unless the query includes them),
 * relaxed only when the answer would otherwise be empty; no item hidden for ignored showings
 * ({@link IgnoredItems}), relaxed with the seen rule.
 * It counts what an answer has taken: {@link #start} begins each answer, keeping the tables of the
 * last one (one instance per ranking thread), so that applying the rules allocates nothing.
 */
final class BusinessRules {
    private RecommendationQuery query;
    private Catalogue catalogue;
    private int maxPerCategory;
    private final ItemSlots seen = new ItemSlots();
    private final ItemSlots taken = new ItemSlots();
    private final ItemSlots categories = new ItemSlots();
    private int[] perCategory = new int[0];

    /** Strictness of {@link #take}: all rules, the category cap relaxed, or the seen rule relaxed too. */
    enum Level {
        ALL, NO_CATEGORY_CAP, HARD_ONLY
    }

    /** Begins an answer to {@code query}; {@code maxPerCategory} is the most items of one category, 0 for no cap. */
    void start(RecommendationQuery query, Catalogue catalogue, int maxPerCategory) {
        this.query = query;
        this.catalogue = catalogue;
        this.maxPerCategory = maxPerCategory;
        seen.reset();
        taken.reset();
        Arrays.fill(perCategory, 0, categories.size(), 0); // perCategory grows with categories: never shorter
        categories.reset();
        java.util.List<ShownItems.Shown> shown = query.ignored().shown().items();
        for (int i = 0; i < shown.size(); i++) {
            if (query.ignored().hidden(shown.get(i))) {
                seen.add(shown.get(i).itemId()); // shown too often and left alone: as good as seen, whatever the query allows
            }
        }
        if (!query.includeSeen()) {
            for (String item : query.sessionItems()) {
                seen.add(item);
            }
            for (String item : query.recentItems()) {
                seen.add(item);
            }
        }
    }

    /** Takes the item into the answer when the rules of {@code level} allow it; false when they do not, or it is already in. */
    boolean take(String itemId, Level level) {
        if (taken.contains(itemId) || !allowedHard(itemId)) {
            return false;
        }
        if (level != Level.HARD_ONLY && seen.contains(itemId)) {
            return false;
        }
        int category = -1;
        if (maxPerCategory > 0) {
            String name = catalogue.attributes(itemId).category();
            if (name != null) {
                category = categories.add(name);
                if (perCategory.length < categories.capacity()) {
                    perCategory = Arrays.copyOf(perCategory, categories.capacity());
                }
                if (level == Level.ALL && perCategory[category] >= maxPerCategory) {
                    return false;
                }
            }
        }
        taken.add(itemId);
        if (category >= 0) {
            perCategory[category]++;
        }
        return true;
    }

    private boolean allowedHard(String itemId) {
        if (query.bought().contains(itemId) || query.excluded().contains(itemId) || itemId.equals(query.itemOnScreen())) {
            return false;
        }
        if (catalogue == Catalogue.NONE) {
            return query.category() == null;
        }
        ItemAttributes attributes = catalogue.attributes(itemId);
        return attributes.available() && (query.category() == null || query.category().equals(attributes.category()));
    }
}
