package io.ecrm.serving.http;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.ecrm.schemas.FieldError;
import java.util.List;
import java.util.Map;

/**
 * The body of every error response: RFC 9457 problem details with per-field {@code errors}, and
 * any extension members a problem carries (the readiness answer's {@code tenants}, for one).
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance, List<Error> errors,
                      @JsonIgnore Map<String, Object> extensions) {
    /** One bad field: a JSON Pointer into the request body, or {@code query/<name>} / {@code path/<name>}. */
    public record Error(String pointer, String detail) {
    }

    public static final String MEDIA_TYPE = "application/problem+json";

    /** The problem of a stable type, answering the request for {@code instance} (its path). */
    public static Problem of(ApiProblem.Type type, String detail, String instance, List<FieldError> errors,
                             Map<String, Object> extensions) {
        return new Problem(type.uri(), type.title(), type.status(), detail, instance,
                errors.stream().map(e -> new Error(e.pointer(), e.message())).toList(), extensions);
    }

    @JsonAnyGetter
    public Map<String, Object> extensionMembers() {
        return extensions;
    }
}
