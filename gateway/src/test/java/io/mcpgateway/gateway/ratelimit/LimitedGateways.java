package io.mcpgateway.gateway.ratelimit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.mcpgateway.gateway.GatewayServer;
import io.mcpgateway.gateway.config.ConfigLoader;
import io.mcpgateway.json.Json;
import io.mcpgateway.mcpkit.McpServerConfig;
import io.mcpgateway.mcpkit.McpServerHost;
import io.mcpgateway.reasoning.ReasoningServer;
import no.nav.security.mock.oauth2.MockOAuth2Server;

/**
 * Gateway instances with rate limits of a test's choosing, in front of one reasoning server and one OIDC issuer
 * (mock-oauth2-server) that issues tokens for any subject, so tests can be different callers.
 */
final class LimitedGateways implements AutoCloseable {

    static final String ANALYZE = "/api/v1/restaurants/analyze";
    static final String RECOMMEND = "/api/v1/restaurants/recommend";
    static final String BODY = "{\"restaurants\":[{\"id\":\"a\",\"name\":\"A\","
            + "\"sentiment\":{\"likes\":1,\"dislikes\":0,\"neutral\":0}}]}";
    private static final String CLIENT_ID = "rate-limit-tests";
    private static final String ISSUER_ID = "default";

    private final MockOAuth2Server oauth = new MockOAuth2Server();
    private final McpServerHost reasoning;
    private final List<GatewayServer> gateways = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    LimitedGateways() {
        oauth.start();
        reasoning = ReasoningServer.start(McpServerConfig.local(0), Json.newMapper(), Clock.systemUTC());
    }

    /**
     * Starts one more gateway over the analyze and recommend routes.
     *
     * @param rateLimits the YAML {@code rate_limits} mapping, e.g. {@code {burst: 10, per_minute: 0}}
     * @param env environment variables on top (RATE_LIMIT_BURST, REDIS_URL...)
     */
    GatewayServer start(String rateLimits, Map<String, String> env) {
        try {
            Path config = Files.createTempFile("gateway", ".yaml");
            Files.writeString(config, """
                    auth: {issuer: "%s", client_ids: [%s]}
                    backends: [{name: restaurant-reasoning, url: "http://127.0.0.1:%d"}]
                    routes:
                      - {path: %s, backend: restaurant-reasoning, tool: analyze_restaurant_sentiment}
                      - {path: %s, backend: restaurant-reasoning, tool: recommend_restaurants}
                    rate_limits: %s
                    """.formatted(issuer(), CLIENT_ID, reasoning.port(), ANALYZE, RECOMMEND, rateLimits));
            Map<String, String> all = new HashMap<>(env);
            all.put("GATEWAY_PORT", "0");
            if (all.get("REDIS_URL") != null) {
                RedisClientWarmUp.standalone(all.get("REDIS_URL")); // else its start-up ping may not fit in 200 ms
            }
            GatewayServer gateway = GatewayServer.start(new ConfigLoader(all).load(config), Json.newMapper(),
                    Clock.systemUTC());
            Files.delete(config);
            gateways.add(gateway);
            return gateway;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Two instances counting in the Redis at {@code redisUrl}: a burst of {@code burst} per 10 s, no minute limit. */
    List<GatewayServer> startSharing(String redisUrl, int burst) {
        Map<String, String> env = Map.of("REDIS_URL", redisUrl, "RATE_LIMIT_BURST", Integer.toString(burst),
                "RATE_LIMIT_PER_MINUTE", "0");
        return List.of(start("{}", env), start("{}", env));
    }

    /** Stops one instance gracefully (in-flight requests finish) and forgets it. */
    void stop(GatewayServer gateway) {
        gateways.remove(gateway);
        gateway.close();
    }

    /** A token whose subject, the identity limits count by, is {@code subject}. */
    String token(String subject) {
        return oauth.issueToken(ISSUER_ID, subject, CLIENT_ID, Map.of()).serialize();
    }

    HttpResponse<String> analyze(GatewayServer gateway, String subject) {
        return post(gateway, ANALYZE, BODY, "Bearer " + token(subject));
    }

    /** A JSON-RPC request to the gateway's {@code /mcp} as {@code subject}. */
    HttpResponse<String> mcp(GatewayServer gateway, String subject, String jsonRpc) {
        return send(HttpRequest.newBuilder(url(gateway, "/mcp")).timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .header("Authorization", "Bearer " + token(subject))
                .POST(HttpRequest.BodyPublishers.ofString(jsonRpc)));
    }

    /** The statuses of {@code requests} analyze calls of {@code subject}, one after another. */
    List<Integer> statuses(GatewayServer gateway, String subject, int requests) {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            statuses.add(analyze(gateway, subject).statusCode());
        }
        return statuses;
    }

    HttpResponse<String> post(GatewayServer gateway, String path, String body, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url(gateway, path)).timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request);
    }

    HttpResponse<String> get(GatewayServer gateway, String path) {
        return send(HttpRequest.newBuilder(url(gateway, path)).timeout(Duration.ofSeconds(5)).GET());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static URI url(GatewayServer gateway, String path) {
        return URI.create("http://127.0.0.1:" + gateway.port() + path);
    }

    private String issuer() {
        String url = oauth.issuerUrl(ISSUER_ID).toString();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @Override
    public void close() {
        gateways.forEach(GatewayServer::close);
        reasoning.close();
        oauth.shutdown();
        http.close();
    }
}
