package io.ecrm.serving.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecrm.schemas.FieldError;
import io.ecrm.streams.StateNotReadyException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server: Javalin with Jackson, the routes of {@link ApiV1}, and the one place where
 * every failure becomes an {@code application/problem+json} response. No stack trace ever leaves
 * the server: unexpected errors are logged here and answered with a bare 500 problem.
 */
public final class HttpApi {
    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);

    private HttpApi() {
    }

    public static ObjectMapper objectMapper() {
        return new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);
    }

    public static Javalin create(ApiV1 routes, ObjectMapper json, long maxBodyBytes) {
        Javalin app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.useVirtualThreads = false;
            config.http.maxRequestSize = maxBodyBytes;
            config.jsonMapper(new JavalinJackson(json, false));
            config.router.ignoreTrailingSlashes = true;
        });
        routes.register(app);
        app.exception(ApiProblem.class, (e, ctx) -> respond(ctx, json, e.type(), e.getMessage(), e.errors()));
        app.exception(StateNotReadyException.class, (e, ctx) -> {
            ctx.header("Retry-After", "1");
            respond(ctx, json, ApiProblem.Type.NOT_READY, e.getMessage(), List.of());
        });
        app.exception(HttpResponseException.class, (e, ctx) -> respond(ctx, json, typeOf(e.getStatus()),
                e.getStatus() == 413 ? "the body is larger than the limit of " + maxBodyBytes + " bytes" : e.getMessage(),
                List.of()));
        app.exception(Exception.class, (e, ctx) -> {
            LOG.error("unexpected error on {} {}", ctx.method(), ctx.path(), e);
            respond(ctx, json, ApiProblem.Type.INTERNAL, "an unexpected error occurred; it has been logged", List.of());
        });
        app.error(404, ctx -> {
            if (!Problem.MEDIA_TYPE.equals(ctx.res().getContentType())) {
                respond(ctx, json, ApiProblem.Type.NOT_FOUND, "no route " + ctx.method() + " " + ctx.path(), List.of());
            }
        });
        app.error(405, ctx -> {
            if (!Problem.MEDIA_TYPE.equals(ctx.res().getContentType())) {
                respond(ctx, json, ApiProblem.Type.METHOD_NOT_ALLOWED, ctx.method() + " is not allowed on " + ctx.path(), List.of());
            }
        });
        return app;
    }

    private static ApiProblem.Type typeOf(int status) {
        return switch (status) {
            case 404 -> ApiProblem.Type.NOT_FOUND;
            case 405 -> ApiProblem.Type.METHOD_NOT_ALLOWED;
            case 413 -> ApiProblem.Type.PAYLOAD_TOO_LARGE;
            case 415 -> ApiProblem.Type.UNSUPPORTED_MEDIA_TYPE;
            case 503 -> ApiProblem.Type.UNAVAILABLE;
            default -> status >= 500 ? ApiProblem.Type.INTERNAL : ApiProblem.Type.VALIDATION;
        };
    }

    private static void respond(Context ctx, ObjectMapper json, ApiProblem.Type type, String detail, List<FieldError> errors) {
        Problem problem = new Problem(type.uri(), type.title(), type.status(), detail, ctx.path(),
                errors.stream().map(e -> new Problem.Error(e.pointer(), e.message())).toList());
        try {
            ctx.status(type.status()).contentType(Problem.MEDIA_TYPE).result(json.writeValueAsBytes(problem));
        } catch (Exception e) {
            ctx.status(type.status()).result("");
        }
    }
}
