package io.ecrm.serving.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** The body of every error response: RFC 9457 problem details with per-field {@code errors}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance, List<Error> errors) {
    /** One bad field: a JSON Pointer into the request body, or {@code query/<name>} / {@code path/<name>}. */
    public record Error(String pointer, String detail) {
    }

    public static final String MEDIA_TYPE = "application/problem+json";
}
