package io.ecrm.recommender;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The rules every answer obeys, whatever scored the items. Hard rules, never relaxed: no item the
 * visitor bought, no excluded item, not the item on screen, no unavailable item, only the asked
 * category. Soft rules: at most {@code maxPerCategory} items per category, relaxed when the answer
 * would otherwise stay short; no item the visitor has seen (unless the query includes them),
 * relaxed only when the answer would otherwise be empty.
 * Each answer uses its own instance: it counts what it has taken.
 */
public final class BusinessRules {
    private final RecommendationQuery query;
    private final Catalogue catalogue;
    private final int maxPerCategory;
    private final Set<String> seen = new HashSet<>();
    private final Set<String> taken = new HashSet<>();
    private final Map<String, Integer> perCategory = new HashMap<>();

    /** @param maxPerCategory most items of one category; 0 for no cap */
    public BusinessRules(RecommendationQuery query, Catalogue catalogue, int maxPerCategory) {
        this.query = query;
        this.catalogue = catalogue;
        this.maxPerCategory = maxPerCategory;
        if (!query.includeSeen()) {
            seen.addAll(query.sessionItems());
            seen.addAll(query.recentItems());
        }
    }

    /** Strictness of {@link #take}: all rules, the category cap relaxed, or the seen rule relaxed too. */
    public enum Level {
        ALL, NO_CATEGORY_CAP, HARD_ONLY
    }

    /** Takes the item into the answer when the rules of {@code level} allow it; false when they do not, or it is already in. */
    public boolean take(String itemId, Level level) {
        if (taken.contains(itemId) || !allowedHard(itemId)) {
            return false;
        }
        if (level != Level.HARD_ONLY && seen.contains(itemId)) {
            return false;
        }
        String category = null;
        if (maxPerCategory > 0) {
            category = catalogue.attributes(itemId).category();
            if (level == Level.ALL && category != null && perCategory.getOrDefault(category, 0) >= maxPerCategory) {
                return false;
            }
        }
        taken.add(itemId);
        if (category != null) {
            perCategory.merge(category, 1, Integer::sum);
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

    public int size() {
        return taken.size();
    }
}
