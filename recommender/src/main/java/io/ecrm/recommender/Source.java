package io.ecrm.recommender;

/** Where a recommended item's score came from. */
public enum Source {
    /** Past sessions like the visitor's current one voted for it ({@link SessionNeighbours}). */
    SESSION_NEIGHBOURS,
    /** The visitor clicked it in the current session: visitors come back to what they just viewed. */
    SESSION_REPEAT,
    /** It often follows a recent item of the visitor's, soon after it in sessions. */
    FOLLOWS,
    /** It is similar to (often seen with) a recent item of the visitor's, this session or before. */
    SIMILAR_ITEMS,
    /** Fill: it is popular lately. */
    TRENDING,
    /** It is among the tenant's most popular items: blended when the popularity source weighs, else fill. */
    POPULAR
}
