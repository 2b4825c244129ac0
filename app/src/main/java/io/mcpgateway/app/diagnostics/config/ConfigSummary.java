package io.mcpgateway.app.diagnostics.config;

import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;

import io.mcpgateway.gateway.config.AuthSettings;
import io.mcpgateway.gateway.config.BackendSettings;
import io.mcpgateway.gateway.config.GatewayConfig;
import io.mcpgateway.gateway.config.RateLimitSettings;
import io.mcpgateway.gateway.config.RouteSettings;
import io.mcpgateway.gateway.config.ShownProblems;

/** The settings a gateway would run with, one line per setting that decides whether it works. */
final class ConfigSummary {

    private ConfigSummary() {
    }

    static void print(GatewayConfig config, PrintWriter out) {
        AuthSettings auth = config.auth();
        out.println("Effective settings (file, environment and defaults):");
        row(out, "environment", config.environment().label());
        row(out, "listen", config.server().host() + ":" + config.server().port() + " (bodies up to "
                + config.server().maxRequestBytes() + " bytes)");
        row(out, "issuer", auth.issuer());
        row(out, "keys", auth.jwksUri() == null ? "from the issuer's discovery document" : auth.jwksUri().toString());
        row(out, "client ids", String.join(", ", auth.clientIds()));
        row(out, "token_use", String.join(", ", auth.tokenUses().stream().sorted().toList()) + "; leeway "
                + seconds(auth.leeway()));
        for (BackendSettings b : config.backends()) {
            String health = b.healthEndpoint().map(URI::toString).orElse("by tools/list"); // health_path: ""
            row(out, "backend", b.name() + "  " + b.mcpEndpoint() + " (health " + health + "; timeouts connect "
                    + millis(b.connectTimeout()) + ", request " + millis(b.requestTimeout()) + ", total "
                    + millis(b.totalTimeout()) + "; up to " + b.pool().maxConnections() + " connections; credentials "
                    + b.credentials().type() + (b.enabled() ? "" : "; DISABLED") + ")");
        }
        for (RouteSettings r : config.routes()) {
            row(out, "route", r.method() + " " + r.path() + " -> " + r.backend() + " / " + r.tool()
                    + (r.requiredScopes().isEmpty() ? "" : " (scopes " + String.join(" ", r.requiredScopes()) + ")"));
        }
        row(out, "rate limits", rateLimits(config.rateLimits()));
        row(out, "cache", config.cache().enabled() ? config.cache().maxEntries() + " entries, "
                + config.cache().maxBytes() / (1024 * 1024) + " MiB for "
                + seconds(config.cache().ttl()) + (config.cache().perCaller() ? ", per caller" : ", shared") : "off");
        row(out, "resilience", config.resilience().maxAttempts() + " attempts, breaker opens at "
                + config.resilience().failureRateThreshold() + "% failures, " + config.resilience().maxConcurrentCalls()
                + " concurrent calls per backend");
        out.flush();
    }

    private static String rateLimits(RateLimitSettings limits) {
        String perMinute = limits.perMinute() == 0 ? "no per-minute limit" : limits.perMinute() + " per minute";
        String burst = limits.burst() == 0 ? "no burst limit" : limits.burst() + " per "
                + seconds(limits.burstWindow());
        return perMinute + ", " + burst + " per caller" + (limits.redisUrl() == null ? " (counted per instance)"
                : " (shared through Redis)") + (limits.routes().isEmpty() ? ""
                        : "; own limits on " + String.join(", ", limits.routes().keySet().stream().sorted().toList()));
    }

    /** Without the user information of URLs (a backend's may carry a password), as /config/current shows them. */
    private static void row(PrintWriter out, String name, String value) {
        out.printf(Locale.ROOT, "  %-12s %s%n", name, ShownProblems.withoutUserInfo(value));
    }

    private static String seconds(Duration d) {
        return d.toSeconds() + " s";
    }

    private static String millis(Duration d) {
        return d.toMillis() + " ms";
    }
}
