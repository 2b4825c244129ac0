package io.mcpgateway.gateway.http;

import java.util.List;

import io.javalin.config.JavalinConfig;
import io.javalin.config.JavalinState;
import io.javalin.plugin.Plugin;
import io.mcpgateway.gateway.error.ErrorRenderer;

/**
 * Lets web pages from the configured origins call the gateway from a browser (Javalin's CORS plugin). Pre-flight
 * requests are answered before any authentication, so a browser can ask before it sends a token (the original
 * gateway answered them with 401). Credentials are not allowed: callers send bearer tokens, never cookies.
 */
public final class Cors {

    /** The response headers a page's script may read: the ones the API documents. */
    static final List<String> EXPOSED_HEADERS = List.of("X-Request-ID", "X-Cache", "Age", "Retry-After",
            "WWW-Authenticate", "X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset", "Mcp-Session-Id");

    /** How long a browser may keep a pre-flight answer, in seconds. */
    static final int MAX_AGE_SECONDS = 600;

    private Cors() {
    }

    /** Enables CORS for {@code origins} ({@code *} for any); nothing for an empty list. */
    public static void enable(JavalinConfig config, List<String> origins) {
        if (origins.isEmpty()) {
            return;
        }
        config.bundledPlugins.enableCors(cors -> cors.addRule(rule -> {
            if (origins.contains("*")) {
                rule.anyHost();
            } else {
                rule.allowHost(origins.getFirst(), origins.subList(1, origins.size()).toArray(String[]::new));
            }
            EXPOSED_HEADERS.forEach(rule::exposeHeader);
            rule.maxAge = MAX_AGE_SECONDS;
        }));
        config.registerPlugin(new KeepNotFound());
    }

    /**
     * The CORS plugin answers 200 with no body to any {@code OPTIONS} refused with 404 or 405, pre-flight or not; a
     * plain one on a path without routes is a 404 all the same ({@link ErrorRenderer#isPlainOptions}). A plugin, so
     * that its after-handler is registered after the CORS plugin's, and runs after it.
     */
    private static final class KeepNotFound extends Plugin<Void> {

        @Override
        public void onStart(JavalinState state) {
            state.routes.after(ctx -> {
                if (ErrorRenderer.isPlainOptions(ctx)
                        && "NOT_FOUND".equals(RequestContext.notes(ctx).get(RequestContext.ERROR_CODE))) {
                    throw ErrorRenderer.noRoute(ctx); // answered again, as the CORS plugin emptied the answer
                }
            });
        }
    }
}
