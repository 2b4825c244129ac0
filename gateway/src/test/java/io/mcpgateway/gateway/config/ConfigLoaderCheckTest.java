package io.mcpgateway.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The collecting mode validate-config uses: every broken part at once, the same messages load() gives. */
class ConfigLoaderCheckTest {

    private static final Map<String, String> NO_ENV = Map.of();

    @TempDir
    Path dir;

    private Path yaml(String text) throws IOException {
        Path file = dir.resolve("gateway.yaml");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void aValidFileHasNoProblems() throws IOException {
        Path file = yaml("auth: {issuer: 'https://id.example.com', client_ids: [app]}");

        assertThat(new ConfigLoader(NO_ENV).check(file)).isEmpty();
    }

    @Test
    void problemsInSeveralPartsAreAllReportedInLoadOrder() throws IOException {
        Path file = yaml("""
                server: {port: 99999}
                auth: {issuer: 'https://id.example.com', client_ids: [app], leeway_seconds: -1}
                cache: {ttl_second: 5}
                """);

        assertThat(new ConfigLoader(NO_ENV).check(file)).extracting(ConfigException::getMessage).containsExactly(
                "server.port must be between 0 and 65535 but was 99999",
                "auth.leeway_seconds must be between 0 and 600 but was -1",
                "unknown setting 'cache.ttl_second' (did you mean 'cache.ttl_seconds'?); known settings here:"
                        + " enabled, max_bytes, max_entries, per_caller, ttl_seconds");
    }

    @Test
    void everyUnknownKeyOfAMappingIsNamedAtOnce() throws IOException {
        Path file = yaml("""
                auth: {issuer: 'https://id.example.com', client_ids: [app]}
                rate_limit: {burst: 5}
                helth: {probe_interval_seconds: 5}
                """);

        assertThat(new ConfigLoader(NO_ENV).check(file)).extracting(ConfigException::getMessage).singleElement()
                .asString().startsWith("unknown settings 'rate_limit' (did you mean 'rate_limits'?), 'helth' (did you"
                        + " mean 'health'?); known settings here: ");
    }

    @Test
    void brokenRoutesDoNotHideProblemsOfTheRateLimits() throws IOException {
        Path file = yaml("""
                auth: {issuer: 'https://id.example.com', client_ids: [app]}
                routes:
                  - {path: /api/v1/x, backend: nowhere, tool: t}
                rate_limits: {burst: -1, routes: {/api/v1/x: {per_minute: 5000000}}}
                """);

        assertThat(new ConfigLoader(NO_ENV).check(file)).extracting(ConfigException::getMessage).satisfiesExactly(
                routes -> assertThat(routes).startsWith("routes[0].backend"),
                limits -> assertThat(limits).isEqualTo("rate_limits.burst must be between 0 and 1000000 but was -1"));
    }

    @Test
    void eachBrokenBackendAndRouteIsReportedNotOnlyTheFirst() throws IOException {
        Path file = yaml("""
                auth: {issuer: 'https://id.example.com', client_ids: [app]}
                backends:
                  - {name: 'Bad Name', url: 'http://127.0.0.1:1'}
                  - {name: fine, url: 'http://127.0.0.1:2'}
                  - {name: slow, url: 'http://127.0.0.1:3', request_timeout_ms: 0}
                """);
        Path routes = dir.resolve("routes.yaml");
        Files.writeString(routes, """
                auth: {issuer: 'https://id.example.com', client_ids: [app]}
                backends: [{name: fine, url: 'http://127.0.0.1:2'}]
                routes:
                  - {path: /api/v1/a, backend: fine, tool: a}
                  - {path: /api/v1/b, backend: gone, tool: b}
                  - {path: /api/v1/a, backend: fine, tool: a}
                  - {path: /api/v1/c, backend: fine, tool: c, colour: red}
                """);

        assertThat(new ConfigLoader(NO_ENV).check(file)).extracting(ConfigException::getMessage).satisfiesExactly(
                name -> assertThat(name).startsWith("backends[0].name must be lower-case"),
                timeout -> assertThat(timeout).startsWith("backends[2].request_timeout_ms must be between 1"));
        assertThat(new ConfigLoader(NO_ENV).check(routes)).extracting(ConfigException::getMessage).satisfiesExactly(
                unknownSetting -> assertThat(unknownSetting).startsWith("unknown setting 'routes[3].colour'"),
                unknownBackend -> assertThat(unknownBackend).startsWith("routes[1].backend 'gone' is not one of"),
                twice -> assertThat(twice).isEqualTo("routes[2]: POST /api/v1/a is configured twice"));
    }

    @Test
    void theFirstProblemCheckFindsIsTheOneLoadStopsAt() throws IOException {
        Path file = yaml("""
                server: {port: 99999}
                auth: {issuer: 'https://id.example.com', client_ids: [app], leeway_seconds: -1}
                """);
        String first = new ConfigLoader(NO_ENV).check(file).getFirst().getMessage();

        assertThatThrownBy(() -> new ConfigLoader(NO_ENV).load(file)).isInstanceOf(ConfigException.class)
                .hasMessage(first);
    }

    @Test
    void routesAreNotCheckedAgainstBrokenBackends() throws IOException {
        Path file = yaml("""
                auth: {issuer: 'https://id.example.com', client_ids: [app]}
                backends: [{name: 'Bad Name', url: 'http://127.0.0.1:1'}]
                routes: [{path: /x, backend: missing, tool: t}]
                """);

        assertThat(new ConfigLoader(NO_ENV).check(file)).extracting(ConfigException::getMessage)
                .containsExactly("backends[0].name must be lower-case letters, digits and '-' but was Bad Name");
    }

    @Test
    void aFileThatIsNotYamlIsOneProblem() throws IOException {
        Path file = yaml("auth: [unclosed");

        assertThat(new ConfigLoader(NO_ENV).check(file)).singleElement()
                .satisfies(e -> assertThat(e.getMessage()).contains("is not valid YAML"));
    }

    @Test
    void environmentIssuerIsDerivedFromTheCognitoPool() {
        ConfigLoader loader = new ConfigLoader(Map.of("COGNITO_USER_POOL_ID", "eu-west-1_AbC123"));

        assertThat(loader.environmentIssuer()).hasValue("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123");
    }

    @Test
    void environmentIssuerIsEmptyWithoutIssuerVariables() {
        assertThat(new ConfigLoader(NO_ENV).environmentIssuer()).isEmpty();
    }
}
