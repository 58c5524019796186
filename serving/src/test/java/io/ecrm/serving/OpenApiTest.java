package io.ecrm.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecrm.serving.http.ApiV1;
import java.io.InputStream;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The OpenAPI document and the route table name exactly the same routes: a new route fails here until documented. */
class OpenApiTest {
    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete", "options", "head");

    @Test
    void everyRouteIsDocumentedAndEveryDocumentedRouteExists() throws Exception {
        ApiV1 api = new ApiV1(null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null);
        Set<String> routes = new TreeSet<>();
        api.routes().forEach(r -> routes.add(r.method().name().toUpperCase(Locale.ROOT) + " " + r.path()));
        JsonNode document;
        try (InputStream in = OpenApiTest.class.getResourceAsStream("/web/openapi.json")) {
            document = new ObjectMapper().readTree(in);
        }
        assertEquals("3.1.0", document.get("openapi").asText());
        Set<String> documented = new TreeSet<>();
        document.get("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
            if (METHODS.contains(method)) {
                documented.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
            }
        }));
        assertEquals(routes, documented);
        for (ApiV1.Route route : api.routes()) {
            JsonNode operation = document.at("/paths/" + route.path().replace("~", "~0").replace("/", "~1") + "/"
                    + route.method().name().toLowerCase(Locale.ROOT));
            assertEquals(route.scope() == null ? "" : route.scope().wireName(), operation.path("x-ecrm-scope").asText(),
                    "the scope of " + route.method() + " " + route.path() + " as documented");
        }
    }
}
