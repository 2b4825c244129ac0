package io.mcpgateway.gateway.openapi;

import java.util.Objects;

import io.javalin.config.JavalinConfig;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import io.mcpgateway.gateway.http.JsonResponses;

/**
 * {@code GET /openapi.json}: the gateway's OpenAPI document, made anew whenever a route's tool changed, so that a
 * backend that starts late, or changes its tools, shows up without a restart. Public, like the docs page that reads it.
 */
public final class OpenApiRoutes {

    public static final String PATH = "/openapi.json";

    private final OpenApiDocument document;

    public OpenApiRoutes(OpenApiDocument document) {
        this.document = Objects.requireNonNull(document, "document");
    }

    public void register(JavalinConfig config) {
        config.routes.get(PATH, this::document);
    }

    private void document(Context ctx) {
        OpenApiDocument.Served served = document.served();
        ctx.header("Cache-Control", "no-cache");
        ctx.header("ETag", served.etag());
        if (matches(ctx.header("If-None-Match"), served.etag())) {
            JsonResponses.withoutBody(ctx, 304);
            return;
        }
        ctx.contentType(ContentType.APPLICATION_JSON).result(served.json());
    }

    /**
     * Whether {@code ifNoneMatch} names {@code etag}, compared weakly as RFC 9110 §13.1.2 asks: a list, {@code *},
     * and the weak form a compressing proxy may have turned the tag into ({@code W/"..."}) all count.
     */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        String opaque = etag.startsWith("W/") ? etag.substring(2) : etag;
        for (String tag : ifNoneMatch.split(",")) {
            String candidate = tag.strip();
            if (candidate.equals("*") || (candidate.startsWith("W/") ? candidate.substring(2) : candidate)
                    .equals(opaque)) {
                return true;
            }
        }
        return false;
    }
}
