package io.ecrm.streams.segments;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where a segment comes from. */
public enum SegmentKind {
    /** A named cell of the recency-frequency-monetary grid. */
    RFM("rfm"),
    /** A behaviour cluster found by k-means. */
    CLUSTER("cluster"),
    /** A rule written by an analyst. */
    RULE("rule");

    private final String wireName;

    SegmentKind(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }
}
