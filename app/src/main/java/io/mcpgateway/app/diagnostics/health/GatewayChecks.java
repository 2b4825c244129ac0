package io.mcpgateway.app.diagnostics.health;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.mcpgateway.app.diagnostics.Check;
import io.mcpgateway.app.diagnostics.HttpProbe;
import io.mcpgateway.app.diagnostics.LatencySummary;
import io.mcpgateway.app.diagnostics.ProbeResult;
import io.mcpgateway.app.diagnostics.UrlOption;
import io.mcpgateway.text.Plural;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The checks of a gateway's own public endpoints: {@code /health} with each backend, tool metadata, metrics. */
final class GatewayChecks {

    static final String HEALTH = "gateway health";
    static final String RATE_LIMITS = "rate limits";
    static final String IDENTITY_PROVIDER = "identity provider";
    static final String TOOLS = "tool metadata";
    static final String METRICS = "metrics";
    private static final int NAMES_SHOWN = 5;

    private final HttpProbe probe;
    private final JsonMapper mapper;

    GatewayChecks(HttpProbe probe, JsonMapper mapper) {
        this.probe = Objects.requireNonNull(probe, "probe");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    /**
     * What {@code /health} said: the gateway's overall state, then one check per backend it reports.
     *
     * @param answered whether the gateway answered at all (when not, its other endpoints need no asking)
     * @param issuer the issuer whose tokens the gateway says it verifies, or null
     */
    record Health(List<Check> checks, boolean answered, String issuer) {
    }

    Health health(URI base) {
        URI uri = UrlOption.under(base, "/health");
        ProbeResult result = probe.get(uri);
        if (!result.answered()) {
            return new Health(List.of(Check.fail(HEALTH, "cannot reach " + uri + ": " + result.failure())), false,
                    null);
        }
        JsonNode body = result.json(mapper);
        String issuer = body == null ? null : body.path("identity_provider").path("issuer").asString(null);
        return new Health(states(uri, result), true, issuer);
    }

    private List<Check> states(URI uri, ProbeResult result) {
        JsonNode body = result.json(mapper);
        String status = body == null ? "" : body.path("status").asString("");
        if (status.isEmpty()) {
            return List.of(Check.fail(HEALTH, uri + " answered HTTP " + result.status()
                    + " without a health status: is --url the gateway's base URL?"));
        }
        if (!body.path("backends").isObject()) { // an MCP server's /health has a status too, but no backends
            return List.of(Check.fail(HEALTH, uri + " answered a health status without the gateway's backends:"
                    + " is --url a gateway (not an MCP server)?"));
        }
        List<Check> checks = new ArrayList<>();
        JsonNode backends = body.path("backends");
        String summary = status + " (version " + body.path("version").asString("?") + ", up "
                + body.path("uptime_seconds").asLong() + " s, " + LatencySummary.format(result.millis()) + " ms)";
        checks.add(switch (status) {
            case "healthy" -> result.status() == 200 ? Check.pass(HEALTH, summary)
                    : Check.fail(HEALTH, "HTTP " + result.status() + " with status " + status);
            case "degraded" -> Check.warn(HEALTH, summary + ": " + degradedBecause(body));
            default -> Check.fail(HEALTH, "HTTP " + result.status() + ", status " + status + ": "
                    + unhealthyBecause(body));
        });
        boolean servable = !"unhealthy".equals(status) && result.status() == 200;
        for (Map.Entry<String, JsonNode> backend : backends.properties()) {
            checks.add(backend(backend.getKey(), backend.getValue(), servable));
        }
        identityProvider(body.path("identity_provider")).ifPresent(checks::add);
        rateLimits(body.path("rate_limits")).ifPresent(checks::add);
        return checks;
    }

    /** What keeps a gateway from serving: no backend in service, or no token that can be verified. */
    private static String unhealthyBecause(JsonNode body) {
        List<String> reasons = new ArrayList<>();
        JsonNode backends = body.path("backends");
        if (backends.isEmpty() || unhealthyCount(backends) == backends.size()) {
            reasons.add("no backend can serve requests");
        }
        if (neverFetched(body.path("identity_provider"))) {
            reasons.add("no token can be verified: the issuer's keys were never fetched");
        }
        return reasons.isEmpty() ? "see the lines below" : String.join("; ", reasons);
    }

    private static boolean keysUnreachable(JsonNode provider) {
        return "unreachable".equals(provider.path("keys").asString(""));
    }

    private static boolean neverFetched(JsonNode provider) {
        return keysUnreachable(provider) && !provider.path("ever_fetched").asBoolean(true);
    }

    /** What makes a gateway that serves degraded: backends out of service, or an issuer out of reach. */
    private static String degradedBecause(JsonNode body) {
        JsonNode backends = body.path("backends");
        long unhealthy = unhealthyCount(backends);
        List<String> reasons = new ArrayList<>();
        if (unhealthy > 0) {
            reasons.add(unhealthy + " of " + backends.size() + " backends not healthy; the gateway serves what the"
                    + " others offer");
        }
        for (Map.Entry<String, JsonNode> backend : backends.properties()) {
            if ("degraded".equals(backend.getValue().path("reports").asString(""))) {
                reasons.add("backend " + backend.getKey() + " says it is degraded");
            }
        }
        if (keysUnreachable(body.path("identity_provider"))) {
            reasons.add("the issuer's keys cannot be fetched");
        }
        if ("down".equals(body.path("rate_limits").path("redis").asString(""))) {
            reasons.add("Redis is down: each instance counts rate limits alone");
        }
        return reasons.isEmpty() ? "see the lines below" : String.join("; ", reasons);
    }

    /**
     * Whether tokens can be verified: an issuer out of reach after a first fetch still lets tokens signed with the
     * keys fetched then pass; before any fetch, none.
     */
    static Optional<Check> identityProvider(JsonNode provider) {
        String keys = provider.path("keys").asString("");
        String issuer = provider.path("issuer").asString("?");
        return Optional.ofNullable(switch (keys) {
            case "fetched" -> Check.pass(IDENTITY_PROVIDER, "keys of " + issuer + " fetched");
            case "not_fetched_yet" -> Check.pass(IDENTITY_PROVIDER, "keys of " + issuer + " not fetched yet");
            case "unreachable" -> {
                String why = "keys of " + issuer + " cannot be fetched: " + provider.path("last_error").asString("?");
                yield neverFetched(provider) ? Check.fail(IDENTITY_PROVIDER, why + "; no token can be verified")
                        : Check.warn(IDENTITY_PROVIDER, why + "; tokens signed with the keys fetched before still"
                                + " pass");
            }
            default -> null;
        });
    }

    /** Where rate limits are counted: a Redis that is down leaves each instance counting alone. */
    static Optional<Check> rateLimits(JsonNode limits) {
        String redis = limits.path("redis").asString("");
        if (!limits.path("enabled").asBoolean(false) || redis.isEmpty() || redis.equals("not_configured")) {
            return Optional.empty(); // off, or local by configuration: nothing to say
        }
        String fallbacks = Plural.of(limits.path("fallbacks").asLong(), "fallback") + " to local counting";
        String why = limits.path("last_error").asString("");
        return Optional.of(redis.equals("up")
                ? Check.pass(RATE_LIMITS, "counted in Redis, shared by every instance (" + fallbacks + ")")
                : Check.warn(RATE_LIMITS, "counted locally by each instance since " + limits.path("since")
                        .asString("?") + ": Redis is " + redis + (why.isEmpty() ? "" : ", " + why) + " ("
                        + fallbacks + ")"));
    }

    private static long unhealthyCount(JsonNode backends) {
        long count = 0;
        for (JsonNode backend : backends) {
            String status = backend.path("status").asString("");
            boolean callable = "healthy".equals(status) && !"open".equals(backend.path("circuit_breaker").asString(""));
            count += callable || "disabled".equals(status) ? 0 : 1; // disabled is said on its line
        }
        return count;
    }

    static Check backend(String name, JsonNode state, boolean gatewayServes) {
        String check = "backend " + name;
        String status = state.path("status").asString("unknown");
        String breaker = state.path("circuit_breaker").asString("");
        String breakerNote = breaker.isEmpty() ? "" : ", circuit breaker " + breaker;
        if ("healthy".equals(status)) {
            String probe = "healthy (probe " + LatencySummary.format(state.path("latency_ms").asDouble()) + " ms"
                    + breakerNote + ")";
            if ("degraded".equals(state.path("reports").asString(""))) {
                return Check.warn(check, probe + ", but it says it is degraded: its own /health tells why");
            }
            // A healthy backend behind an open breaker still gets no calls until the breaker lets some through.
            if (breaker.isEmpty() || breaker.equals("closed")) {
                return Check.pass(check, probe);
            }
            return Check.warn(check, probe + (breaker.equals("half_open")
                    ? ": a few trial calls go through; the breaker closes if they succeed, opens again if not"
                    : ": calls fail fast until the breaker lets trial calls through"));
        }
        if ("disabled".equals(status)) {
            return Check.warn(check, "disabled in the configuration (enabled: false): not probed, never called");
        }
        String why = "unknown".equals(status) ? "not probed yet"
                : status + ": " + state.path("last_error").asString("no reason given") + " ("
                        + Plural.of(state.path("consecutive_failures").asInt(), "failed probe") + " in a row"
                        + breakerNote + ")";
        return gatewayServes ? Check.warn(check, why) : Check.fail(check, why);
    }

    Check toolMetadata(URI base) {
        URI uri = UrlOption.under(base, "/tools/metadata");
        ProbeResult result = probe.get(uri);
        if (!result.ok()) {
            return Check.fail(TOOLS, "cannot read " + uri + ": " + result.problem(mapper));
        }
        JsonNode data = result.json(mapper) == null ? null : result.json(mapper).path("data");
        if (data == null || !data.path("tools").isArray()) {
            return Check.fail(TOOLS, uri + " answered without a tool list");
        }
        List<String> names = new ArrayList<>();
        data.path("tools").forEach(t -> names.add(t.path("name").asString("?")));
        if (names.isEmpty()) {
            return Check.fail(TOOLS, "no tools published: the gateway could not list any backend's tools");
        }
        String shown = String.join(", ", names.subList(0, Math.min(NAMES_SHOWN, names.size())))
                + (names.size() > NAMES_SHOWN ? ", ..." : "");
        return Check.pass(TOOLS, names.size() + (names.size() == 1 ? " tool (" : " tools (") + shown + ")");
    }

    Check metrics(URI base) {
        URI uri = UrlOption.under(base, "/metrics");
        ProbeResult result = probe.get(uri);
        if (!result.ok()) {
            return Check.fail(METRICS, "cannot read " + uri + ": " + result.problem(mapper));
        }
        JsonNode body = result.json(mapper);
        if (body == null || !body.path("requests").isObject()) { // a web page, another server behind the address
            return Check.warn(METRICS, uri + " answered HTTP " + result.status() + ", but not with the gateway's"
                    + " metrics (no requests counts): is --url the gateway?");
        }
        return Check.pass(METRICS, Plural.of(body.path("requests").path("total").asLong(), "request") + " served, "
                + Plural.of(body.path("requests").path("errors").asLong(), "error") + ", "
                + Plural.of(body.path("auth").path("failures").asLong(), "authentication failure"));
    }
}
