package io.ecrm.serving.http.routes;

import io.ecrm.recommender.Contribution;
import io.ecrm.recommender.Recommendation;
import io.ecrm.recommender.Source;
import io.ecrm.recommender.VisitorHistory;
import io.ecrm.schemas.RecommendationIds;
import io.ecrm.serving.http.ApiProblem;
import io.ecrm.serving.TenantEngine;
import io.ecrm.serving.Tenants;
import io.ecrm.serving.http.RequestParams;
import io.ecrm.serving.http.VisitorRouter;
import io.ecrm.streams.StateNotReadyException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code GET /v1/customers/{id}/recommendations?count=10}: what this visitor should see next, best
 * first. The id is a customer id, or an anonymous id when the visitor is not known by name.
 * Parameters, all optional:
 * <ul>
 *   <li>{@code itemId}: the product on screen: it weighs as the visitor's latest click and is not answered;</li>
 *   <li>{@code exclude}: ids never to answer, comma-separated (at most {@value #MAX_EXCLUDED});</li>
 *   <li>{@code category}: only items of this catalogue category;</li>
 *   <li>{@code includeSeen}: {@code true} lets items the visitor already touched be answered
 *       (default {@code false}; bought items never are);</li>
 *   <li>{@code explain}: {@code true} adds to each item every source's contribution: which source
 *       (session neighbours, the visit's own items, follows, similar items, trending, popular),
 *       which of the visitor's items produced it, and the similarity.</li>
 * </ul>
 * Each item has its {@code position} (1 for the first), a score and {@code because} (the visitor's
 * item behind its largest contribution; absent for the popularity fill). Each answer has a
 * {@code recommendationId} of its own (16 hex digits, {@link RecommendationIds}), for the events that report
 * what came of it; while the tenant runs an experiment, the answer is ranked with the settings of the
 * visitor's arm and says which: {@code "experiment": {"name", "arm"}}. Sold-out items (catalogue) are never answered. A visitor we have
 * not seen yet gets the tenant's popular items: the answer is never empty once the tenant has data.
 * <p>
 * A recommendation never fails for want of the instance holding the visitor: while it cannot be
 * asked (crashed and not yet replaced, or the tenant rebalancing) the answer is made of what needs
 * no visitor state (the {@code itemId} on screen, trending, popular) and says so:
 * {@code "personalised": false} and the header {@value #PERSONALISED_HEADER}{@code : false}. Read
 * from a stale copy (a standby while the owner is away, the visitor's own partition during a
 * rebalance), the answer is personalised and says {@code "stale": true} and
 * {@link VisitorRouter#STALE_HEADER}{@code : true}.
 */
public final class Recommendations implements Handler {
    /**
     * Writes the answer for {@code customerId}: {@code {"customerId", "recommendationId", "personalised",
     * "stale" (only when true), "items": [{"itemId", "position" (1 for the first), "score",
     * "because", "explanation": [{"source", "because", "similarity", "score"}]}]}}, {@code because}
     * left out when there is none and {@code explanation} unless asked for. Straight from the
     * ranked items to the generator: the answer is built as no other object first.
     */
    public static void writeAnswer(JsonGenerator json, String customerId, List<Recommendation> ranked, boolean explain,
                                   Basis basis, TenantEngine.Assignment assigned) throws IOException {
        json.writeStartObject();
        json.writeStringField("customerId", customerId);
        char[] id = ID_CHARS.get();
        long random = ThreadLocalRandom.current().nextLong();
        if (assigned == null) {
            RecommendationIds.write(id, 0, 0, random);
        } else {
            RecommendationIds.write(id, assigned.experiment().serial(), assigned.arm(), random);
        }
        json.writeFieldName("recommendationId");
        json.writeString(id, 0, id.length);
        if (assigned != null) {
            json.writeObjectFieldStart("experiment");
            json.writeStringField("name", assigned.experiment().name());
            json.writeStringField("arm", assigned.armName());
            json.writeEndObject();
        }
        json.writeBooleanField("personalised", basis != Basis.NO_VISITOR_STATE);
        if (basis == Basis.STALE_COPY) {
            json.writeBooleanField("stale", true);
        }
        json.writeArrayFieldStart("items");
        int position = 0;
        for (Recommendation item : ranked) {
            json.writeStartObject();
            json.writeStringField("itemId", item.itemId());
            json.writeNumberField("position", ++position);
            json.writeNumberField("score", item.score());
            if (item.because() != null) {
                json.writeStringField("because", item.because());
            }
            if (explain) {
                json.writeArrayFieldStart("explanation");
                for (Contribution part : item.explanation()) {
                    json.writeStartObject();
                    json.writeStringField("source", SOURCE_NAMES.get(part.source()));
                    if (part.because() != null) {
                        json.writeStringField("because", part.because());
                    }
                    json.writeNumberField("similarity", part.similarity());
                    json.writeNumberField("score", part.score());
                    json.writeEndObject();
                }
                json.writeEndArray();
            }
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private static final ThreadLocal<char[]> ID_CHARS = ThreadLocal.withInitial(() -> new char[RecommendationIds.LENGTH]);

    /** What an answer knew of the visitor. */
    public enum Basis {
        /** The visitor's state, as its owner holds it (none for a visitor not seen yet). */
        VISITOR,
        /** A stale copy of the visitor's state (a standby while its owner is away, or one read during a rebalance): it may trail the latest events. */
        STALE_COPY,
        /** Nothing: the visitor's state could not be read. */
        NO_VISITOR_STATE
    }

    /** Each source as the answer names it: lower case. */
    private static final Map<Source, String> SOURCE_NAMES = new EnumMap<>(Source.class);

    static {
        for (Source source : Source.values()) {
            SOURCE_NAMES.put(source, source.name().toLowerCase(Locale.ROOT));
        }
    }

    /** On every answer: {@code true} when the visitor's state was read, {@code false} when the answer could not use it. */
    public static final String PERSONALISED_HEADER = "X-Ecrm-Personalised";

    /** Most ids {@code exclude} may list. */
    public static final int MAX_EXCLUDED = 100;

    private final Tenants tenants;
    private final int maxCount;
    private final VisitorRouter router;
    private final JsonFactory json;

    public Recommendations(Tenants tenants, int maxCount, VisitorRouter router, ObjectMapper json) {
        this.tenants = tenants;
        this.maxCount = maxCount;
        this.router = router;
        this.json = json.getFactory();
    }

    @Override
    public void handle(Context ctx) throws InterruptedException {
        TenantEngine tenant = RequestParams.tenant(ctx, tenants);
        String id = RequestParams.id(ctx, "id");
        int count = RequestParams.count(ctx, 10, maxCount);
        String onScreen = RequestParams.queryId(ctx, "itemId");
        String category = RequestParams.queryId(ctx, "category");
        boolean includeSeen = RequestParams.flag(ctx, "includeSeen");
        boolean explain = RequestParams.flag(ctx, "explain");
        Set<String> excluded = new HashSet<>();
        List<String> exclude = RequestParams.queryIds(ctx, "exclude", MAX_EXCLUDED);
        if (exclude != null) {
            excluded.addAll(exclude);
        }
        // the history that decided where the visitor is held is the one answered from: read once
        VisitorHistory[] history = new VisitorHistory[1];
        VisitorHistory held;
        Basis basis = Basis.VISITOR;
        try {
            VisitorRouter.Resolution found = router.resolve(ctx, tenant, id, (engine, key, stale) -> (history[0] = stale
                    ? engine.streams().staleVisitorHistory(key) : engine.streams().visitorHistory(key)) != null);
            if (found.relayed()) {
                return;
            }
            held = found.visitorKey() == null ? null : history[0];
            basis = found.stale() ? Basis.STALE_COPY : Basis.VISITOR;
        } catch (StateNotReadyException | ApiProblem ownerAway) {
            if (ownerAway instanceof ApiProblem problem && problem.type().status() != 503) {
                throw problem;
            }
            // the visitor's state cannot be read now: answered without it rather than not at all
            held = null;
            basis = Basis.NO_VISITOR_STATE;
        }
        TenantEngine.Ask ask = new TenantEngine.Ask(count, onScreen, excluded, category, includeSeen, explain);
        TenantEngine.Assignment assigned = tenant.assign(id);
        List<Recommendation> ranked = tenant.recommendFor(held, ask, assigned);
        // written straight to the response: no JSON string, no copy of it (the answer is the route's every request)
        ctx.contentType(ContentType.APPLICATION_JSON);
        ctx.header(PERSONALISED_HEADER, String.valueOf(basis != Basis.NO_VISITOR_STATE));
        try (JsonGenerator out = json.createGenerator(ctx.outputStream()).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)) {
            writeAnswer(out, id, ranked, explain, basis, assigned);
        } catch (IOException e) {
            // the client went away while the answer was written: there is no one left to answer
        }
    }
}
