package io.ecrm.serving.http;

import io.ecrm.schemas.FieldError;
import java.util.List;
import java.util.Map;

/**
 * A request the API refuses, as an exception that carries its RFC 9457 problem: a stable type,
 * the HTTP status, a human detail and, for validation, the bad fields. One mapper in
 * {@link HttpApi} turns it into an {@code application/problem+json} response.
 */
public final class ApiProblem extends RuntimeException {
    /** Stable problem types; the part after the base URI never changes once published. */
    public enum Type {
        VALIDATION(400, "Invalid request"),
        MALFORMED_JSON(400, "Malformed JSON"),
        UNAUTHORIZED(401, "Unauthorized"),
        FORBIDDEN(403, "Forbidden"),
        NOT_FOUND(404, "Not found"),
        PAYLOAD_TOO_LARGE(413, "Payload too large"),
        URI_TOO_LONG(414, "URI too long"),
        UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type"),
        METHOD_NOT_ALLOWED(405, "Method not allowed"),
        HEADERS_TOO_LARGE(431, "Request header fields too large"),
        CONFLICT(409, "Conflict"),
        TOO_MANY_REQUESTS(429, "Too many requests"),
        NOT_READY(503, "Not ready"),
        UNAVAILABLE(503, "Service unavailable"),
        /** Kafka did not acknowledge a whole batch in time: part of it may be written; resend it whole. */
        NOT_CONFIRMED(503, "Not confirmed"),
        INTERNAL(500, "Internal error");

        private final int status;
        private final String title;

        Type(int status, String title) {
            this.status = status;
            this.title = title;
        }

        public int status() {
            return status;
        }

        public String title() {
            return title;
        }

        public String uri() {
            return "https://ecrm.io/problems/" + name().toLowerCase().replace('_', '-');
        }
    }

    private final Type type;
    private final List<FieldError> errors;
    private final Map<String, Object> extensions;

    /** A problem with extension members (RFC 9457 section 3.2) beside the standard ones. */
    public ApiProblem(Type type, String detail, List<FieldError> errors, Map<String, Object> extensions) {
        super(detail, null, false, false); // an answer to a client, not a fault: a stack trace would be work for nothing
        this.type = type;
        this.errors = List.copyOf(errors);
        this.extensions = Map.copyOf(extensions);
    }

    public ApiProblem(Type type, String detail, List<FieldError> errors) {
        this(type, detail, errors, Map.of());
    }

    public ApiProblem(Type type, String detail) {
        this(type, detail, List.of());
    }

    public Type type() {
        return type;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public Map<String, Object> extensions() {
        return extensions;
    }

    /** Throws a validation problem naming the field when the condition does not hold. */
    public static void check(boolean condition, String pointer, String message) {
        if (!condition) {
            throw new ApiProblem(Type.VALIDATION, pointer + " " + message, List.of(new FieldError(pointer, message)));
        }
    }
}
