package io.mcpgateway.gateway.cache;

import java.util.Locale;

import io.javalin.http.Context;
import io.mcpgateway.gateway.http.HeaderLines;

/** The cache directives of a request, as {@link ResponseCache} reads them. */
public final class CacheDirectives {

    private CacheDirectives() {
    }

    /**
     * The request's {@code Cache-Control} lines joined, or, without any, {@code no-cache} for a {@code Pragma} with
     * that directive (what HTTP/1.0 clients send; RFC 9111 §5.4); null when it has neither.
     */
    public static String of(Context ctx) {
        String cacheControl = HeaderLines.joined(ctx, "Cache-Control");
        if (cacheControl != null) {
            return cacheControl;
        }
        String pragma = HeaderLines.joined(ctx, "Pragma");
        if (pragma != null) {
            for (String directive : pragma.toLowerCase(Locale.ROOT).split(",")) {
                if (directive.strip().equals("no-cache")) {
                    return "no-cache";
                }
            }
        }
        return null;
    }
}
