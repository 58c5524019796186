package io.ecrm.serving.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecrm.schemas.FieldError;
import io.ecrm.serving.EngineMetrics;
import io.ecrm.serving.EngineSettings;
import io.ecrm.streams.StateNotReadyException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import jakarta.servlet.DispatcherType;
import java.nio.ByteBuffer;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.servlet.FilterHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server: Javalin with Jackson, the routes of {@link ApiV1}, the request limits, and the
 * one place where every failure becomes an {@code application/problem+json} response, including
 * the requests Jetty refuses before any route sees them (request line or headers too large, a
 * malformed request). No stack trace ever leaves the server: unexpected errors are logged here and
 * answered with a bare 500 problem. Every 503 says when to try again ({@code Retry-After}).
 */
public final class HttpApi {
    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
    /** Room for the path and the headers beside the longest query string allowed. */
    private static final int HEADER_ROOM_BYTES = 8192;
    /** Route label of requests no route matched; raw paths never become labels. */
    static final String UNMATCHED = "unmatched";

    private HttpApi() {
    }

    /** Bytes of the buffer a response's result is copied through. */
    static final int RESPONSE_COPY_BYTES = 4_096;

    public static ObjectMapper objectMapper() {
        return new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);
    }

    public static Javalin create(ApiV1 routes, QuotaGate gate, ObjectMapper json, EngineSettings settings, EngineMetrics metrics) {
        long maxBodyBytes = settings.maxBodyBytes();
        int maxQueryChars = settings.maxQueryChars();
        int maxHeaderBytes = maxQueryChars + HEADER_ROOM_BYTES;
        Set<String> templates = new HashSet<>();
        routes.routes().forEach(route -> templates.add(route.path()));
        Javalin app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.useVirtualThreads = false;
            config.http.maxRequestSize = maxBodyBytes;
            // the buffer Javalin allocates to copy each result to the client: Jetty's 32 KB output
            // buffer by default, 20 times an answer's size; allocated per response, it was most of
            // what serving a recommendation allocated (bench serve, JFR)
            config.http.responseBufferSize = RESPONSE_COPY_BYTES;
            config.jsonMapper(new JavalinJackson(json, false));
            config.router.ignoreTrailingSlashes = true;
            config.appData(RequestParams.MAX_ID_LENGTH, settings.maxIdLength());
            config.appData(RequestParams.MAX_BODY_BYTES, maxBodyBytes);
            config.jetty.modifyHttpConfiguration(http -> {
                http.setRequestHeaderSize(maxHeaderBytes);
                http.setSendServerVersion(false);
            });
            config.jetty.modifyServer(server -> server.setErrorHandler(new RefusedRequests(json, maxHeaderBytes)));
            config.jetty.modifyServletContextHandler(context -> context.addFilter(new FilterHolder(gate), "/v1/*",
                    EnumSet.of(DispatcherType.REQUEST)));
            config.requestLogger.http((ctx, millis) -> metrics.request(ctx.attribute(RequestParams.TENANT_ATTRIBUTE), ctx.method().name(), routeOf(ctx, templates),
                    ctx.statusCode(), (long) (millis * 1_000_000L)));
        });
        app.before(ctx -> {
            String query = ctx.queryString();
            if (query != null && query.length() > maxQueryChars) {
                throw new ApiProblem(ApiProblem.Type.URI_TOO_LONG, "the query string holds " + query.length()
                        + " characters; the limit is " + maxQueryChars,
                        List.of(new FieldError("query", "must be at most " + maxQueryChars + " characters")));
            }
        });
        routes.register(app);
        app.exception(ApiProblem.class, (e, ctx) -> respond(ctx, json, e.type(), e.getMessage(), e.errors(), e.extensions()));
        app.exception(StateNotReadyException.class, (e, ctx) ->
                respond(ctx, json, ApiProblem.Type.NOT_READY, e.getMessage(), List.of(), Map.of()));
        app.exception(HttpResponseException.class, (e, ctx) -> respond(ctx, json, typeOf(e.getStatus()),
                e.getStatus() == 413 ? "the body is larger than the limit of " + maxBodyBytes + " bytes" : e.getMessage(),
                List.of(), Map.of()));
        app.exception(Exception.class, (e, ctx) -> {
            LOG.error("unexpected error on {} {}", ctx.method(), ctx.path(), e);
            respond(ctx, json, ApiProblem.Type.INTERNAL, "an unexpected error occurred; it has been logged", List.of(), Map.of());
        });
        app.error(404, ctx -> {
            if (!isProblem(ctx)) {
                respond(ctx, json, ApiProblem.Type.NOT_FOUND, "no route " + ctx.method() + " " + ctx.path(), List.of(), Map.of());
            }
        });
        app.error(405, ctx -> {
            if (!isProblem(ctx)) {
                respond(ctx, json, ApiProblem.Type.METHOD_NOT_ALLOWED, ctx.method() + " is not allowed on " + ctx.path(),
                        List.of(), Map.of());
            }
        });
        return app;
    }

    /** The route template that answered, or {@link #UNMATCHED}: only templates of the table become labels. */
    private static String routeOf(Context ctx, Set<String> templates) {
        try {
            String route = ctx.endpointHandlerPath();
            return templates.contains(route) ? route : UNMATCHED;
        } catch (IllegalStateException e) {
            return UNMATCHED; // no endpoint matched: Javalin has no handler path to give
        }
    }

    private static boolean isProblem(Context ctx) {
        String contentType = ctx.res().getContentType();
        return contentType != null && contentType.startsWith(Problem.MEDIA_TYPE);
    }

    private static ApiProblem.Type typeOf(int status) {
        return switch (status) {
            case 404 -> ApiProblem.Type.NOT_FOUND;
            case 405 -> ApiProblem.Type.METHOD_NOT_ALLOWED;
            case 413 -> ApiProblem.Type.PAYLOAD_TOO_LARGE;
            case 414 -> ApiProblem.Type.URI_TOO_LONG;
            case 415 -> ApiProblem.Type.UNSUPPORTED_MEDIA_TYPE;
            case 431 -> ApiProblem.Type.HEADERS_TOO_LARGE;
            case 503 -> ApiProblem.Type.UNAVAILABLE;
            default -> status >= 500 ? ApiProblem.Type.INTERNAL : ApiProblem.Type.VALIDATION;
        };
    }

    private static void respond(Context ctx, ObjectMapper json, ApiProblem.Type type, String detail, List<FieldError> errors,
                                Map<String, Object> extensions) {
        Problem problem = Problem.of(type, detail, ctx.path(), errors, extensions);
        if (type.status() == 503) {
            ctx.header("Retry-After", "1");
        }
        try {
            ctx.status(type.status()).contentType(Problem.MEDIA_TYPE).result(json.writeValueAsBytes(problem));
        } catch (Exception e) {
            ctx.status(type.status()).result("");
        }
    }

    /**
     * Requests Jetty refuses before routing (request line or headers over the limit, a malformed
     * request line or URI): a problem too, saying the limit.
     */
    private static final class RefusedRequests extends ErrorHandler {
        private final ObjectMapper json;
        private final int maxHeaderBytes;

        RefusedRequests(ObjectMapper json, int maxHeaderBytes) {
            this.json = json;
            this.maxHeaderBytes = maxHeaderBytes;
            setShowStacks(false);
            setShowServlet(false);
        }

        @Override
        public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
            ApiProblem.Type type = typeOf(status);
            String detail = switch (status) {
                case 414 -> "the request line is longer than the limit of " + maxHeaderBytes + " bytes";
                case 431 -> "the request headers are larger than the limit of " + maxHeaderBytes + " bytes";
                default -> "the request is malformed" + (reason == null ? "" : ": " + reason);
            };
            Problem problem = new Problem(type.uri(), type.title(), status, detail, null, List.of(), Map.of());
            fields.put(HttpHeader.CONTENT_TYPE, Problem.MEDIA_TYPE);
            try {
                return ByteBuffer.wrap(json.writeValueAsBytes(problem));
            } catch (Exception e) {
                return ByteBuffer.allocate(0);
            }
        }
    }
}
