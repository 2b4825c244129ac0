package io.mcpgateway.gateway.mcp;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.mcpgateway.gateway.auth.BearerAuthenticator;
import io.mcpgateway.gateway.backend.ToolInvoker;
import io.mcpgateway.gateway.cache.ResponseCache;
import io.mcpgateway.gateway.config.McpEndpointSettings;
import io.mcpgateway.gateway.config.RouteSettings;
import io.mcpgateway.gateway.http.GzipAnswers;
import io.mcpgateway.gateway.http.JsonBodyReader;
import io.mcpgateway.gateway.ratelimit.RateLimitGuard;
import io.mcpgateway.gateway.toolmeta.ArgumentSchemaValidator;
import io.mcpgateway.gateway.toolmeta.ToolRegistry;

/**
 * What the MCP endpoint is built from: the same registry, invoker, cache, limits and authentication as the REST
 * routes, so both paths to a tool behave alike.
 *
 * @param backendScopes the scopes every tool of a backend needs, by backend name
 * @param issuer the authorization server named in the protected resource metadata
 * @param batchLimits what one JSON-RPC batch may take
 * @param toolRefresh how often the backends' tool lists are read again
 * @param clock the time the gateway's own refusals are stamped with
 */
public record McpWiring(ToolRegistry registry, List<RouteSettings> routes, Map<String, List<String>> backendScopes,
        Set<String> routesWithOwnLimits, McpEndpointSettings settings,
        ToolInvoker invoker, ResponseCache cache, RateLimitGuard rateLimits, BearerAuthenticator authenticator,
        JsonBodyReader bodies, GzipAnswers gzip, ArgumentSchemaValidator schemas, String issuer, String version,
        BatchLimits batchLimits, Duration toolRefresh, Clock clock) {
}
