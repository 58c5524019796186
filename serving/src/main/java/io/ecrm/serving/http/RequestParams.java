package io.ecrm.serving.http;

import io.ecrm.schemas.EventDecoder;
import io.ecrm.schemas.TenantId;
import io.ecrm.serving.TenantEngine;
import io.ecrm.serving.Tenants;
import io.javalin.config.Key;
import java.io.IOException;
import io.javalin.http.Context;

/** Reads and checks the parts of a request every route shares: tenant, ids, counts. */
public final class RequestParams {
    /** Where the authenticated tenant of a request is kept, set by {@link ApiKeyAuth}. */
    static final String TENANT_ATTRIBUTE = "ecrm.tenant";
    /** Browsers and e-mail clients cannot hold a secret key: the write-only collector routes name their tenant. */
    public static final String TENANT_PARAM = "tenant";

    /** The request's tenant: the one its API key belongs to, or for the collector routes the one named. */
    public static TenantEngine tenant(Context ctx, Tenants tenants) {
        TenantId authenticated = ctx.attribute(TENANT_ATTRIBUTE);
        if (authenticated != null) {
            return tenants.find(authenticated.value())
                    .orElseThrow(() -> new ApiProblem(ApiProblem.Type.NOT_FOUND, "this instance does not serve the key's tenant"));
        }
        String named = ctx.queryParam(TENANT_PARAM);
        if (named == null) {
            return tenants.defaultTenant();
        }
        return tenants.find(named).orElseThrow(() -> new ApiProblem(ApiProblem.Type.NOT_FOUND, "no such tenant"));
    }

    /** The longest id a path may carry (the engine's {@code maxIdLength}), kept in the app's data by {@link HttpApi}. */
    static final Key<Integer> MAX_ID_LENGTH = new Key<>("ecrm.maxIdLength");

    /** The largest body accepted (the engine's {@code maxBodyBytes}), kept in the app's data by {@link HttpApi}. */
    static final Key<Long> MAX_BODY_BYTES = new Key<>("ecrm.maxBodyBytes");

    /**
     * The request body, read up to the limit: a larger one is a 413 that says the limit, whether or
     * not the request declared its length (a chunked body is counted as it arrives).
     */
    public static byte[] body(Context ctx) {
        long max = ctx.appData(MAX_BODY_BYTES);
        byte[] bytes;
        try {
            bytes = ctx.bodyInputStream().readNBytes((int) Math.min(max + 1, Integer.MAX_VALUE - 8));
        } catch (IOException e) {
            throw new ApiProblem(ApiProblem.Type.VALIDATION, "the body could not be read");
        }
        if (bytes.length > max) {
            throw new ApiProblem(ApiProblem.Type.PAYLOAD_TOO_LARGE, "the body is larger than the limit of " + max + " bytes");
        }
        return bytes;
    }

    /** A path id: 1 to {@code maxIdLength} characters, no control characters (the same rule as ids in events). */
    public static String id(Context ctx, String name) {
        return id(ctx.pathParam(name), name, ctx.appData(MAX_ID_LENGTH));
    }

    /** {@link #id(Context, String)} on the decoded value with the schema's limit. */
    public static String id(String id, String name) {
        return id(id, name, EventDecoder.MAX_ID_LENGTH);
    }

    /** {@link #id(Context, String)} on the decoded value: the value itself, or a validation problem naming {@code path/<name>}. */
    public static String id(String id, String name, int max) {
        return checkedId(id, "path/" + name, max);
    }

    /** An optional query parameter that holds an id (a category, an item): null when absent, else checked like a path id. */
    public static String queryId(Context ctx, String name) {
        String value = ctx.queryParam(name);
        return value == null ? null : checkedId(value, "query/" + name, ctx.appData(MAX_ID_LENGTH));
    }

    /** One id of a list a query parameter holds, checked like a path id; problems name {@code query/<name>}. */
    public static String checkedQueryId(String value, String name, Context ctx) {
        return checkedId(value, "query/" + name, ctx.appData(MAX_ID_LENGTH));
    }

    /**
     * A comma-separated list of ids in the query parameter {@code name}, each checked like a path id,
     * at most {@code max} of them; null when the parameter is absent.
     */
    public static java.util.List<String> queryIds(Context ctx, String name, int max) {
        String value = ctx.queryParam(name);
        if (value == null) {
            return null;
        }
        String[] ids = value.split(",", -1);
        ApiProblem.check(ids.length <= max, "query/" + name, "must list at most " + max + " ids");
        java.util.List<String> checked = new java.util.ArrayList<>(ids.length);
        for (String id : ids) {
            checked.add(checkedQueryId(id, name, ctx));
        }
        return checked;
    }

    /** A true/false query parameter, false when absent; anything else is a problem naming {@code query/<name>}. */
    public static boolean flag(Context ctx, String name) {
        String value = ctx.queryParam(name);
        ApiProblem.check(value == null || value.equals("true") || value.equals("false"), "query/" + name,
                "must be true or false");
        return "true".equals(value);
    }

    private static String checkedId(String id, String pointer, int max) {
        ApiProblem.check(!id.isBlank() && id.length() <= max, pointer, "must be 1 to " + max + " characters");
        ApiProblem.check(id.chars().noneMatch(Character::isISOControl), pointer, "must not contain control characters");
        // U+FFFD: the URL held bytes that are not UTF-8, which the decoding replaced
        ApiProblem.check(id.indexOf('\uFFFD') < 0 && EventDecoder.isWellFormed(id), pointer,
                "must be UTF-8 text, percent-encoded");
        return id;
    }

    /** The {@code count} query parameter: a whole number from 1 to {@code max}, {@code fallback} when absent. */
    public static int count(Context ctx, int fallback, int max) {
        return count(ctx.queryParam("count"), fallback, max);
    }

    /** {@link #count(Context, int, int)} on the raw value ({@code null} when absent). */
    public static int count(String value, int fallback, int max) {
        return wholeNumber(value, "count", fallback, max);
    }

    /** The query parameter {@code name}: a whole number from 1 to {@code max}, {@code fallback} when absent. */
    public static int wholeNumber(Context ctx, String name, int fallback, int max) {
        return wholeNumber(ctx.queryParam(name), name, fallback, max);
    }

    private static int wholeNumber(String value, String name, int fallback, int max) {
        if (value == null) {
            return fallback;
        }
        int number = -1;
        // ASCII digits only: Integer.parseInt would also take '+7' and digits of other scripts
        if (!value.isEmpty() && value.length() <= 9 && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            number = Integer.parseInt(value);
        }
        ApiProblem.check(number >= 1 && number <= max, "query/" + name, "must be a whole number from 1 to " + max);
        return number;
    }
}
