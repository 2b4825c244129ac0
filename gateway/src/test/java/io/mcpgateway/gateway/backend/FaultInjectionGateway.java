package io.mcpgateway.gateway.backend;

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
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

import io.mcpgateway.gateway.ReloadingGateway;
import io.mcpgateway.gateway.backend.FaultyMcpServer.FakeTool;
import io.mcpgateway.gateway.config.ConfigLoader;
import io.mcpgateway.gateway.config.ConfigSource;
import io.mcpgateway.json.Json;
import no.nav.security.mock.oauth2.MockOAuth2Server;

/**
 * A gateway in front of two {@link FaultyMcpServer}s, {@code alpha} (tools {@code lookup}, read-only, and
 * {@code update}, not) and {@code beta} (tool {@code lookup}), with alpha's timeouts and the resilience settings a test
 * chooses, a real OIDC server for tokens, and rate limits and the response cache off so every request reaches the
 * backend.
 */
final class FaultInjectionGateway implements AutoCloseable {

    static final String ALPHA_LOOKUP = "/api/v1/alpha/lookup";
    static final String ALPHA_UPDATE = "/api/v1/alpha/update";
    static final String BETA_LOOKUP = "/api/v1/beta/lookup";
    static final String BODY = "{\"q\":\"x\"}";

    static final String CLIENT_ID = "fault-tests";

    final FaultyMcpServer alpha = FaultyMcpServer.start("alpha", new FakeTool("lookup", true),
            new FakeTool("update", false));
    final FaultyMcpServer beta = FaultyMcpServer.start("beta", new FakeTool("lookup", true));
    final ReloadingGateway gateway;
    /** The gateway's configuration file: a test may edit it and ask for a reload. */
    final Path configFile;
    private final MockOAuth2Server oauth = new MockOAuth2Server();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String token;

    /**
     * @param resilience the YAML flow mapping of the {@code resilience:} section, for example
     *     {@code "{max_attempts: 1}"}
     */
    FaultInjectionGateway(int requestTimeoutMs, int totalTimeoutMs, String resilience) {
        this(requestTimeoutMs, totalTimeoutMs, resilience, "", Map.of());
    }

    /**
     * @param alphaSettings more of alpha's settings, as YAML flow-mapping entries after a comma, for example
     *     {@code ", max_connections: 2"}
     * @param env more environment variables for the gateway's configuration
     */
    FaultInjectionGateway(int requestTimeoutMs, int totalTimeoutMs, String resilience, String alphaSettings,
            Map<String, String> env) {
        this(requestTimeoutMs, totalTimeoutMs, resilience, alphaSettings, env, "");
    }

    /**
     * @param moreYaml more top-level sections of the configuration, for example {@code "tools: {...}"}; without a
     *     {@code cache:} section of its own the response cache is off
     */
    FaultInjectionGateway(int requestTimeoutMs, int totalTimeoutMs, String resilience, String alphaSettings,
            Map<String, String> env, String moreYaml) {
        this(requestTimeoutMs, totalTimeoutMs, resilience, alphaSettings, env, moreYaml, server -> { });
    }

    /** @param prepare applied to each fake backend before the gateway starts (and first talks to it) */
    FaultInjectionGateway(int requestTimeoutMs, int totalTimeoutMs, String resilience, String alphaSettings,
            Map<String, String> env, String moreYaml, java.util.function.Consumer<FaultyMcpServer> prepare) {
        this(requestTimeoutMs, totalTimeoutMs, resilience, alphaSettings, env, moreYaml, prepare, "");
    }

    /** @param betaSettings more of beta's settings, as {@code alphaSettings} are alpha's */
    FaultInjectionGateway(int requestTimeoutMs, int totalTimeoutMs, String resilience, String alphaSettings,
            Map<String, String> env, String moreYaml, java.util.function.Consumer<FaultyMcpServer> prepare,
            String betaSettings) {
        prepare.accept(alpha);
        prepare.accept(beta);
        oauth.start();
        String issuer = oauth.issuerUrl("default").toString().replaceAll("/$", "");
        String yaml = """
                backends:
                  - {name: alpha, url: "%s", request_timeout_ms: %d, total_timeout_ms: %d %s}
                  - {name: beta, url: "%s", request_timeout_ms: 2000, total_timeout_ms: 2000 %s}
                routes:
                  - {path: %s, backend: alpha, tool: lookup}
                  - {path: %s, backend: alpha, tool: update}
                  - {path: %s, backend: beta, tool: lookup}
                health: {probe_interval_seconds: 1, probe_timeout_ms: 500}
                rate_limits: {per_minute: 0, burst: 0}
                resilience: %s
                %s
                %s
                """.formatted(alpha.url(), requestTimeoutMs, totalTimeoutMs, alphaSettings, beta.url(), betaSettings,
                ALPHA_LOOKUP, ALPHA_UPDATE, BETA_LOOKUP, resilience, moreYaml,
                moreYaml.contains("cache:") ? "" : "cache: {enabled: false}");
        Map<String, String> variables = new java.util.HashMap<>(env);
        variables.putAll(Map.of("OIDC_ISSUER_URL", issuer, "OIDC_CLIENT_IDS", CLIENT_ID, "GATEWAY_PORT", "0"));
        configFile = writeTemporary(yaml);
        gateway = ReloadingGateway.start(ConfigSource.of(new ConfigLoader(variables), configFile,
                UnaryOperator.identity()), Json.newMapper(), Clock.systemUTC());
        token = oauth.issueToken("default", "tester", CLIENT_ID, Map.of()).serialize();
    }

    private static Path writeTemporary(String yaml) {
        try {
            Path file = Files.createTempFile("fault-gateway", ".yaml");
            file.toFile().deleteOnExit();
            return Files.writeString(file, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asks the gateway to read its configuration file again, with an operator's token. */
    HttpResponse<String> reloadConfiguration() {
        String admin = oauth.issueToken("default", "operator", CLIENT_ID, Map.of("scope", "gateway-admin"))
                .serialize();
        return send(http, HttpRequest.newBuilder(url("/config/reload")).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + admin).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Sends {@code request} with {@code client}, its failures unchecked. */
    static <T> HttpResponse<T> send(HttpClient client, HttpRequest request, HttpResponse.BodyHandler<T> body) {
        try {
            return client.send(request, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The token every request of {@link #post} carries: the caller's, which no backend may ever see. */
    String callerToken() {
        return token;
    }

    /** The OIDC server that issued {@link #callerToken()}; it also has a token endpoint for client credentials. */
    MockOAuth2Server oauth() {
        return oauth;
    }

    /** POSTs the standard body to {@code path} with a valid token. */
    HttpResponse<String> post(String path, String... headers) {
        return postAsync(path, headers).join();
    }

    CompletableFuture<HttpResponse<String>> postAsync(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url(path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json");
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.sendAsync(request.POST(HttpRequest.BodyPublishers.ofString(BODY)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** POSTs a JSON-RPC message to the gateway's {@code /mcp} with a valid token and more {@code headers}. */
    HttpResponse<String> postMcp(String message, String... headers) {
        return postJsonAccepting("/mcp", message, "application/json, text/event-stream", headers);
    }

    /** A valid token, for a request a test writes itself. */
    String token() {
        return token;
    }

    /**
     * POSTs {@code message} to {@code /mcp} with a valid token and {@code accept}, the answer read line by line as it
     * arrives.
     */
    HttpResponse<java.util.stream.Stream<String>> postMcpStreaming(String message, String accept) {
        HttpRequest request = HttpRequest.newBuilder(url("/mcp")).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .header("Accept", accept).POST(HttpRequest.BodyPublishers.ofString(message)).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofLines()).join();
    }

    /** POSTs {@code json} to {@code path} with a valid token, accepting what {@code /mcp} answers. */
    HttpResponse<String> postJson(String path, String json) {
        return postJsonAccepting(path, json, "application/json, text/event-stream");
    }

    /** POSTs {@code json} to {@code path} with a valid token, {@code accept} and more {@code headers}. */
    HttpResponse<String> postJsonAccepting(String path, String json, String accept, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .header("Accept", accept);
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.sendAsync(request.POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString()).join();
    }

    HttpResponse<String> get(String path) {
        return http.sendAsync(HttpRequest.newBuilder(url(path)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString()).join();
    }

    /** GETs {@code path} with a valid token. */
    HttpResponse<String> getWithToken(String path) {
        return http.sendAsync(HttpRequest.newBuilder(url(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString()).join();
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + gateway.port() + path);
    }

    @Override
    public void close() {
        alpha.close(); // first: it releases hung calls, so the gateway has nothing in flight to wait for
        beta.close();
        gateway.close();
        oauth.shutdown();
        http.close();
    }
}
