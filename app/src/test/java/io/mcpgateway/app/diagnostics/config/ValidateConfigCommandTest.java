package io.mcpgateway.app.diagnostics.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mcpgateway.app.diagnostics.CommandRun;
import io.mcpgateway.testsupport.RefusingPort;
import io.mcpgateway.testsupport.ScriptedServer;

/** {@code validate-config} on files an operator might write, without starting anything. */
class ValidateConfigCommandTest {

    private static final String VALID = """
            auth: {issuer: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123', client_ids: [web, cli]}
            backends:
              - {name: restaurant-search, url: 'http://search.internal:8080'}
              - {name: restaurant-reasoning, url: 'http://reasoning.internal:8080', request_timeout_ms: 5000}
            rate_limits: {per_minute: 60, burst: 10}
            """;

    @TempDir
    Path dir;

    private Path yaml(String text) throws IOException {
        return Files.writeString(dir.resolve("gateway.yaml"), text);
    }

    private static CommandRun validate(Map<String, String> env, String... args) {
        return CommandRun.with(new ValidateConfigCommand(env), args);
    }

    @Test
    void aValidFileIsSummarisedWithTheSettingsTheGatewayWouldUse() throws IOException {
        Path file = yaml(VALID);

        CommandRun run = validate(Map.of(), file.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.lines().get(0)).isEqualTo("✅ " + file + " is a valid gateway configuration");
        assertThat(run.out()).contains("""
                  issuer       https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123
                  keys         from the issuer's discovery document
                  client ids   web, cli
                  token_use    access, id; leeway 60 s
                  backend      restaurant-search  http://search.internal:8080/mcp (health\
                 http://search.internal:8080/health; timeouts connect 10000 ms, request 30000 ms, total 45000 ms;\
                 up to 64 connections; credentials none)
                  backend      restaurant-reasoning  http://reasoning.internal:8080/mcp (health\
                 http://reasoning.internal:8080/health; timeouts connect 10000 ms, request 5000 ms, total 45000 ms;\
                 up to 64 connections; credentials none)
                  route        POST /api/v1/restaurants/search/district -> restaurant-search /\
                 search_restaurants_by_district
                """);
        assertThat(run.line("  rate limits")).isEqualTo("  rate limits  60 per minute, 10 per 10 s per caller (counted"
                + " per instance)");
        assertThat(run.out()).doesNotContain("Connectivity");
    }

    @Test
    void aBackendWithoutAHealthPageIsSummarisedAndReachedAtItsMcpEndpoint() throws IOException {
        List<String> requested = new CopyOnWriteArrayList<>();
        try (RefusingPort issuer = new RefusingPort(); ScriptedServer everything = new ScriptedServer(socket -> {
            requested.add(ScriptedServer.readRequest(socket.getInputStream()).lines().findFirst().orElseThrow());
            ScriptedServer.send(socket, "HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n");
        })) {
            Path file = yaml("""
                    auth: {issuer: '%s', client_ids: [web]}
                    backends: [{name: everything, url: '%s', health_path: ""}]
                    routes: []
                    """.formatted(issuer.url(), everything.uri("")));

            CommandRun run = validate(Map.of(), file.toString(), "--check-connectivity");

            assertThat(run.line("  backend")).contains("/mcp (health by tools/list; timeouts");
            assertThat(run.line("✅ backend everything")).contains(everything.uri("/mcp") + " answered HTTP 405 (no"
                    + " health page: the gateway probes it with tools/list;");
            assertThat(requested).containsExactly("GET /mcp HTTP/1.1"); // not its base URL, nor a /health it lacks
        }
    }

    @Test
    void aBackendWithoutAHealthPageWhoseMcpEndpointAnswers404FailsTheCheck() throws IOException {
        try (RefusingPort issuer = new RefusingPort(); ScriptedServer wrongPath = new ScriptedServer(socket -> {
            ScriptedServer.readRequest(socket.getInputStream());
            ScriptedServer.send(socket, "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n");
        })) {
            Path file = yaml("""
                    auth: {issuer: '%s', client_ids: [web]}
                    backends: [{name: everything, url: '%s', mcp_path: /mpc, health_path: ""}]
                    routes: []
                    """.formatted(issuer.url(), wrongPath.uri("")));

            CommandRun run = validate(Map.of(), file.toString(), "--check-connectivity");

            assertThat(run.line("❌ backend everything")).contains(wrongPath.uri("/mpc") + " answered HTTP 404: no MCP"
                    + " endpoint there (check the backend's url and mcp_path)");
        }
    }

    @Test
    void settingsWrongForTheFilesEnvironmentAreWarnedOfWithoutFailing() throws IOException {
        CommandRun development = validate(Map.of(), yaml(VALID).toString());
        assertThat(development.line("  environment")).isEqualTo("  environment  development");
        assertThat(development.out()).doesNotContain("Warnings");

        CommandRun production = validate(Map.of("LOG_LEVEL", "debug"), yaml("environment: production\n" + VALID)
                .toString());
        assertThat(production.exitCode()).as(production.toString()).isZero();
        assertThat(production.out()).contains("Warnings for production:\n",
                "The log level is DEBUG: production logs should be INFO or above",
                "server.cors_origins allows every origin (*)", "Logs are text");

        CommandRun perLogger = validate(Map.of("LOG_LEVELS", "io.mcpgateway=DEBUG", "LOG_FORMAT", "JSON"),
                yaml("environment: production\n" + VALID).toString());
        assertThat(perLogger.out()).contains("The log level is DEBUG").doesNotContain("Logs are text");
        // another library's debug output is not the gateway's: the gateway does not warn of it either
        CommandRun jetty = validate(Map.of("LOG_LEVELS", "org.eclipse.jetty=DEBUG", "LOG_FORMAT", "JSON"),
                yaml("environment: production\n" + VALID).toString());
        assertThat(jetty.out()).doesNotContain("The log level is");
    }

    @Test
    void theEnvironmentOverridesTheFileAsForTheGateway() throws IOException {
        CommandRun run = validate(Map.of("OIDC_ISSUER_URL", "https://id.example.com/", "MCP_SEARCH_SERVER_URL",
                "http://10.0.0.5:9000"), yaml(VALID).toString());

        assertThat(run.exitCode()).isZero();
        // as given, final '/' included: a token's iss must equal it (Auth0's and Entra ID v1's end with '/')
        assertThat(run.line("  issuer")).isEqualTo("  issuer       https://id.example.com/");
        assertThat(run.line("  backend      restaurant-search")).contains("http://10.0.0.5:9000/mcp");
    }

    @Test
    void everyProblemIsListedAtOnceWithTheSettingNamed() throws IOException {
        Path file = yaml("""
                server: {port: 99999}
                auth: {isuer: 'https://id.example.com', client_ids: [web]}
                backends:
                  - {name: restaurant-search, url: 'ftp://search.internal'}
                cache: {ttl_seconds: 0}
                """);

        CommandRun run = validate(Map.of(), file.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.lines()).containsExactly(
                "❌ " + file + " is not a valid gateway configuration: 4 problems",
                "  - backends[0].url must be an http(s) URL but was 'ftp://search.internal'",
                "  - server.port must be between 0 and 65535 but was 99999",
                "  - unknown setting 'auth.isuer' (did you mean 'auth.issuer'?); known settings here: admin_scopes,"
                        + " client_ids, issuer, jwks_cache_seconds, jwks_refresh_min_interval_seconds, jwks_uri,"
                        + " leeway_seconds, token_uses",
                "  - cache.ttl_seconds must be between 1 and 86400 but was 0");
    }

    @Test
    void aMissingRequiredSettingSaysWhereToSetIt() throws IOException {
        CommandRun run = validate(Map.of(), yaml("auth: {issuer: 'https://id.example.com'}").toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.lines().get(1)).startsWith("  - auth.client_ids is required").contains("OIDC_CLIENT_IDS");
    }

    @Test
    void aWrongTypeIsNamed() throws IOException {
        CommandRun run = validate(Map.of(), yaml(VALID + "health: {probe_interval_seconds: often}").toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.lines().get(1)).isEqualTo("  - health.probe_interval_seconds must be a whole number but was"
                + " \"often\"");
    }

    @Test
    void malformedYamlIsOneProblem() throws IOException {
        CommandRun run = validate(Map.of(), yaml("auth: {issuer: [unclosed").toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.lines().get(0)).endsWith("is not a valid gateway configuration: 1 problem");
        assertThat(run.lines().get(1)).contains("is not valid YAML at line 1, column");
        assertThat(run.lines()).as("the parser's quote of the lines around it left out").hasSize(2);
    }

    @Test
    void aPinsFileTheGatewayCouldNotReadIsAProblemAsAtStartUp() throws IOException {
        Path pins = Files.writeString(dir.resolve("pins.json"), "not JSON");

        CommandRun missing = validate(Map.of(), yaml(VALID + "tools: {pins_file: '" + dir.resolve("none.json")
                + "'}\n").toString());
        CommandRun broken = validate(Map.of(), yaml(VALID + "tools: {pins_file: '" + pins + "'}\n").toString());

        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.out()).contains("tools.pins_file");
        assertThat(broken.exitCode()).isEqualTo(1);
        assertThat(broken.out()).contains("tools.pins_file: " + pins + " is not a JSON object");
    }

    @Test
    void passwordsInUrlsAreShownNeitherInProblemsNorInTheSettings() throws IOException {
        CommandRun bad = validate(Map.of(), yaml(VALID.replace("'http://search.internal:8080'",
                "'htp://svc:TopSecret1@search.internal:8080'")).toString());
        CommandRun good = validate(Map.of(), yaml(VALID.replace("'http://search.internal:8080'",
                "'http://svc:TopSecret1@search.internal:8080'")).toString());

        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.out()).contains("backends[0].url must be an http(s) URL but was 'htp://search.internal:8080'")
                .doesNotContain("TopSecret1");
        // a well-formed URL with a password is refused too: no client here sends it, and it must not be shown
        assertThat(good.exitCode()).as(good.toString()).isEqualTo(1);
        assertThat(good.out()).contains("backends[0].url must not hold user information")
                .doesNotContain("TopSecret1");
    }

    @Test
    void aMissingFileIsNamed() {
        Path absent = dir.resolve("absent.yaml");

        CommandRun run = validate(Map.of(), absent.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.lines().get(1)).isEqualTo("  - " + absent + " is not a readable file");
    }

    @Test
    void noFileIsAUsageError() {
        CommandRun run = CommandRun.of("validate-config");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Missing required parameter: 'FILE'");
    }
}
