package io.ecrm.serving.tenants;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * What a key may do. Each keyed route needs one scope ({@link io.ecrm.serving.http.ApiV1}): a shop's
 * page server fetching recommendations needs {@link #READ}, its event feed {@link #EVENTS}, and only
 * an operator's key {@link #ADMIN}, which erases customers, defines segments, exports and fits.
 */
public enum Scope {
    /** Sending events and catalogue items: {@code /v1/events}, {@code /v1/catalog}. */
    EVENTS("events"),
    /** Reading: recommendations, profiles, items, segment lists, reports, the model, experiments. */
    READ("read"),
    /** Changing: erasure, rule segments, exports, fits, settings, experiments. */
    ADMIN("admin");

    /** The scopes of a key made before keys had scopes, and of a new key unless told otherwise. */
    public static final Set<Scope> ALL = EnumSet.allOf(Scope.class);

    private final String wireName;

    Scope(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    public static Optional<Scope> of(String name) {
        return Arrays.stream(values()).filter(s -> s.wireName.equals(name)).findFirst();
    }

    @JsonCreator
    static Scope fromJson(String name) {
        return of(name).orElseThrow(() -> new IllegalArgumentException("unknown scope " + name));
    }
}
