package io.mcpgateway.app.diagnostics.logs;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.mcpgateway.app.diagnostics.CommandRun;
import io.mcpgateway.app.diagnostics.logs.GatewayLog.Format;

/**
 * {@code analyze-logs} on the incidents the gateway logs beside its requests (the rate-limit store, the issuer's
 * keys, reloads, tool definitions, backend health, refused tokens, repeated warnings), in both log formats. The
 * messages are the gateway's own, as its classes log them.
 */
class AnalyzeLogsIncidentsTest {

    private static final String STORE = "io.mcpgateway.gateway.ratelimit.FailoverBucketStore";
    private static final String KEYS = "io.mcpgateway.gateway.auth.IssuerKeys";
    private static final String AUTH = "io.mcpgateway.gateway.auth.BearerAuthenticator";
    private static final String RELOADS = "io.mcpgateway.gateway.ReloadingGateway";
    private static final String PINS = "io.mcpgateway.gateway.toolmeta.ToolPins";
    private static final String HEALTH = "io.mcpgateway.gateway.health.BackendHealthMonitor";
    private static final String INVOKER = "io.mcpgateway.gateway.backend.DirectToolInvoker";
    private static final String SEARCH = "/api/v1/restaurants/search/district";
    private static final String TITLES = "(Tool definition changes|Identity provider keys|Rate-limit store \\(Redis\\)"
            + "|Reloads|Most frequent warnings and errors).*";

    @TempDir
    Path dir;

    private CommandRun analyze(GatewayLog log, String... options) throws IOException {
        Path file = Files.write(dir.resolve("gateway.log"), log.lines(), StandardCharsets.UTF_8);
        String[] args = new String[options.length + 1];
        args[0] = file.toString();
        System.arraycopy(options, 0, args, 1, options.length);
        CommandRun run = CommandRun.with(new AnalyzeLogsCommand(Clock.fixed(GatewayLog.T0, ZoneOffset.UTC),
                InputStream.nullInputStream()), args);
        assertThat(run.exitCode()).as(run.toString()).isZero();
        return run;
    }

    private static GatewayLog search(GatewayLog log, long second, String requestId) {
        return log.access(second, "POST", SEARCH, 200, null, "12.5", requestId, "10.0.0.7", Map.of("caller", "app"));
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void aQuietLogHasNoIncidentSections(Format format) throws IOException {
        GatewayLog log = search(search(new GatewayLog(format), 1, "r-1"), 2, "r-2")
                .event(3, "INFO", HEALTH, "Backend 'restaurant-search' is healthy");

        CommandRun run = analyze(log);

        assertThat(run.line("Requests:")).isEqualTo("Requests: 2 (by status: 200 x 2)");
        assertThat(run.lines()).noneMatch(line -> line.matches(TITLES));
        assertThat(run.line("Warnings:")).isEqualTo("Warnings: 0, errors: 0");
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void aRateLimitedCallerIsNamedFromAJsonLogAndUnknownFromATextOne(Format format) throws IOException {
        GatewayLog log = new GatewayLog(format)
                .access(1, "POST", SEARCH, 429, "RATE_LIMITED", "0.4", "r-1", "10.0.0.7", Map.of("caller", "app"))
                .access(2, "POST", SEARCH, 429, "RATE_LIMITED", "0.4", "r-2", "10.0.0.8", Map.of());

        CommandRun run = analyze(log);

        assertThat(run.lines()).contains(format == Format.JSON ? "  by caller: anonymous x 1, app x 1"
                : "  by caller: unknown (a text log names no caller) x 2");
    }

    @Nested
    class RateLimitStore {

        private GatewayLog log(Format format) {
            return new GatewayLog(format)
                    .event(10, "WARN", STORE, "Rate limits: Redis cannot be used (connection refused:"
                            + " RedisConnectionException: Unable to connect to redis.internal/10.0.3.7:6379); counting"
                            + " in local buckets per instance until it answers again")
                    .event(70, "INFO", STORE, "Rate limits: Redis answers again; limits are shared by all instances"
                            + " again")
                    .event(200, "WARN", STORE, "Rate limits: Redis is unreachable (RedisCommandTimeoutException:"
                            + " Command timed out after 2 second(s)); counting in local buckets per instance until"
                            + " it answers again");
        }

        @ParameterizedTest
        @EnumSource(Format.class)
        void fallbacksToLocalCountingAndRecoveriesAreListedWithTheirTimes(Format format) throws IOException {
            GatewayLog log = log(format);

            assertThat(analyze(log).out()).contains("""
                    Rate-limit store (Redis): 3 (fell back to local counting x 2, recovered x 1)
                      %s  Redis cannot be used (connection refused: RedisConnectionException: Unable to connect to\
                     redis.internal/10.0.3.7:6379): limits counted per instance
                      %s  Redis answers again: limits shared by all instances
                      %s  Redis cannot be used (RedisCommandTimeoutException: Command timed out after 2\
                     second(s)): limits counted per instance
                    """.formatted(log.shown(10), log.shown(70), log.shown(200)));
        }

        @ParameterizedTest
        @EnumSource(Format.class)
        void jsonCountsThemByKind(Format format) throws IOException {
            String json = analyze(log(format), "--json").out();

            assertThatJson(json).inPath("rate_limit_store.total").isEqualTo(3);
            assertThatJson(json).inPath("rate_limit_store.by_kind").isEqualTo("{\"fell back to local counting\":2,"
                    + "\"recovered\":1}");
            assertThatJson(json).inPath("rate_limit_store.events[1].change").isEqualTo("answers again: limits"
                    + " shared by all instances");
        }
    }

    @Nested
    class IssuerKeys {

        @ParameterizedTest
        @EnumSource(Format.class)
        void keysOutOfReachBackAndChangedAreListed(Format format) throws IOException {
            GatewayLog log = new GatewayLog(format)
                    .event(5, "WARN", KEYS, "The issuer's key set cannot be fetched: cannot read"
                            + " https://idp.example.com/.well-known/jwks.json: connection refused; tokens signed"
                            + " with the keys fetched before are still verified")
                    .event(65, "INFO", KEYS, "The issuer's key set https://idp.example.com/.well-known/jwks.json"
                            + " can be fetched again")
                    .event(90, "INFO", KEYS, "The issuer's key set changed: key ids [key-2026-11, key-2026-12]"
                            + " (before: [key-2026-11]); tokens signed with a key no longer published are refused");

            CommandRun run = analyze(log);

            assertThat(run.out()).contains("""
                    Identity provider keys: 3 (key set changed x 1, reachable again x 1, unreachable x 1)
                      %s  key set unreachable: cannot read https://idp.example.com/.well-known/jwks.json:\
                     connection refused
                      %s  key set reachable again: https://idp.example.com/.well-known/jwks.json
                      %s  key set changed: key ids [key-2026-11, key-2026-12] (before: [key-2026-11])
                    """.formatted(log.shown(5), log.shown(65), log.shown(90)));
            assertThatJson(analyze(log, "--json").out()).inPath("issuer_keys.by_kind")
                    .isEqualTo("{\"key set changed\":1,\"reachable again\":1,\"unreachable\":1}");
        }
    }

    @Nested
    class Reloads {

        private GatewayLog log(Format format) {
            return new GatewayLog(format)
                    .event(10, "INFO", RELOADS, "Configuration reloaded ([backends, rate_limits] changed): the"
                            + " previous gateway finishes its requests and stops", "reload-1")
                    .access(10, "POST", "/config/reload", 200, null, "310.4", "reload-1", "10.0.0.2", Map.of())
                    .event(20, "WARN", RELOADS, "Configuration not reloaded: rate_limits.per_minute: must be 0 or"
                            + " more", "reload-2")
                    .access(20, "POST", "/config/reload", 400, "INVALID_CONFIGURATION", "4.1", "reload-2",
                            "10.0.0.2", Map.of("error_type", "ValidationError"))
                    .event(30, "WARN", RELOADS, "Configuration not reloaded: a gateway could not be started with"
                            + " it: Failed to bind to 127.0.0.1:8080: Address already in use", "reload-3")
                    .access(30, "POST", "/config/reload", 500, "RELOAD_FAILED", "55.0", "reload-3", "10.0.0.2",
                            Map.of("error_type", "InternalError"))
                    .access(40, "POST", SEARCH, 400, "SCHEMA_VIOLATION", "2.0", "r-4", "10.0.0.7",
                            Map.of("error_type", "ValidationError"));
        }

        @ParameterizedTest
        @EnumSource(Format.class)
        void appliedAndFailedReloadsHaveTheirOwnSectionNotTheClientsValidationErrors(Format format)
                throws IOException {
            GatewayLog log = log(format);

            CommandRun run = analyze(log);

            assertThat(run.out()).contains("""
                    Reloads: 3 (failed x 2, applied x 1)
                      %s  configuration reloaded: [backends, rate_limits] changed
                      %s  configuration not reloaded (INVALID_CONFIGURATION): rate_limits.per_minute: must be 0 or\
                     more
                      %s  configuration not reloaded (RELOAD_FAILED): a gateway could not be started with it: Failed\
                     to bind to 127.0.0.1:8080: Address already in use
                      answered to POST /config/reload: 400 INVALID_CONFIGURATION x 1, 500 RELOAD_FAILED x 1
                    """.formatted(log.shown(10), log.shown(20), log.shown(30)));
            assertThat(run.out()).contains("""
                    Validation errors: 1
                      SCHEMA_VIOLATION: 1
                    """);
        }

        @ParameterizedTest
        @EnumSource(Format.class)
        void jsonCountsThemApartFromValidationErrors(Format format) throws IOException {
            String json = analyze(log(format), "--json").out();

            assertThatJson(json).inPath("reloads.by_kind").isEqualTo("{\"failed\":2,\"applied\":1}");
            assertThatJson(json).inPath("reloads.failed_answers").isEqualTo("{\"400 INVALID_CONFIGURATION\":1,"
                    + "\"500 RELOAD_FAILED\":1}");
            assertThatJson(json).inPath("validation_errors").isEqualTo("{\"total\":1,\"by_code\":"
                    + "{\"SCHEMA_VIOLATION\":1}}");
        }
    }

    @Nested
    class ToolDefinitions {

        @ParameterizedTest
        @EnumSource(Format.class)
        void aChangedDefinitionIsListedWithBothHashes(Format format) throws IOException {
            String pinned = "sha256:1f0e3dad99908345f7439f8ffabdffc4e6e3cd7ea8ba3d5d1e3e2a0c7b4d9e21";
            String now = "sha256:9a7bc3e84f0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f60718293a4b5c6d7e8f901";
            GatewayLog log = new GatewayLog(format)
                    .event(15, "WARN", PINS, "Tool 'search_restaurants_by_district' of backend 'restaurant-search'"
                            + " changed its definition: pinned " + pinned + ", now " + now + "; held until its new"
                            + " hash is accepted in the pins file")
                    .event(600, "INFO", PINS, "Tool 'search_restaurants_by_district' of backend"
                            + " 'restaurant-search' matches its pin " + pinned + " again");

            CommandRun run = analyze(log);

            assertThat(run.out()).contains("""
                    Tool definition changes: 2 (back to its pin x 1, changed x 1)
                      %s  restaurant-search/search_restaurants_by_district changed its definition: pinned %s, now\
                     %s; held until its new hash is accepted in the pins file
                      %s  restaurant-search/search_restaurants_by_district matches its pin %s again
                    """.formatted(log.shown(15), pinned, now, log.shown(600), pinned));
            assertThatJson(analyze(log, "--json").out()).inPath("tool_definition_changes.events[0].name")
                    .isEqualTo("restaurant-search/search_restaurants_by_district");
        }
    }

    @Nested
    class BackendHealth {

        @ParameterizedTest
        @EnumSource(Format.class)
        void aStateLoggedAgainByTheGatewayAReloadStartedIsNoChange(Format format) throws IOException {
            GatewayLog log = new GatewayLog(format)
                    .event(1, "INFO", HEALTH, "Backend 'restaurant-search' is healthy")
                    .event(1, "INFO", HEALTH, "Backend 'restaurant-reasoning' is healthy")
                    .event(30, "INFO", RELOADS, "Configuration reloaded ([resilience] changed): the previous gateway"
                            + " finishes its requests and stops")
                    .event(31, "INFO", HEALTH, "Backend 'restaurant-search' is healthy")
                    .event(31, "INFO", HEALTH, "Backend 'restaurant-reasoning' is healthy")
                    .event(40, "WARN", HEALTH, "Backend 'restaurant-reasoning' is unhealthy: connection refused")
                    .event(60, "INFO", RELOADS, "Configuration reloaded ([cache] changed): the previous gateway"
                            + " finishes its requests and stops")
                    .event(61, "INFO", HEALTH, "Backend 'restaurant-search' is healthy")
                    .event(61, "WARN", HEALTH, "Backend 'restaurant-reasoning' is unhealthy: HTTP 503")
                    .event(90, "INFO", HEALTH, "Backend 'restaurant-reasoning' is healthy");

            CommandRun run = analyze(log);

            assertThat(run.out()).contains("""
                    Backend health changes: 4
                      %s  restaurant-search healthy
                      %s  restaurant-reasoning healthy
                      %s  restaurant-reasoning unhealthy: connection refused
                      %s  restaurant-reasoning healthy
                    """.formatted(log.shown(1), log.shown(1), log.shown(40), log.shown(90)));
            assertThatJson(analyze(log, "--json").out()).inPath("backend_health_changes.total").isEqualTo(4);
        }
    }

    @Nested
    class AuthenticationFailureSources {

        private GatewayLog log(Format format) {
            GatewayLog log = new GatewayLog(format);
            String[] ips = {"10.0.0.7", "10.0.0.7", "10.0.0.7", "10.0.0.9", "10.0.0.9", "10.0.1.1", "10.0.1.2",
                "10.0.1.3", "10.0.1.4"};
            for (int i = 0; i < ips.length; i++) {
                String reason = i < 3 ? "expired (a token of sub 'carol', client 'dev-client')"
                        : i == 3 ? "wrong_audience (a token of sub 'svc-batch')" : "malformed";
                String code = reason.split(" ")[0].toUpperCase(Locale.ROOT);
                log.event(i, "INFO", AUTH, "Authentication failed on POST " + SEARCH + ": " + reason, "a-" + i)
                        .access(i, "POST", SEARCH, 401, code, "0.8", "a-" + i, ips[i],
                                Map.of("error_type", "AuthenticationError"));
            }
            return log;
        }

        /** Text access lines carry no client_ip: only a JSON log names the addresses. */
        @ParameterizedTest
        @EnumSource(Format.class)
        void theTopSourcesAreNamedBesideTheReasons(Format format) throws IOException {
            assertThat(analyze(log(format)).out()).contains("""
                    Authentication failures: 9
                      malformed: 5
                      expired: 3
                      wrong_audience: 1
                    %s  by token holder: carol (client dev-client) x 3, svc-batch x 1
                    Validation errors: none
                    """.formatted(format == Format.JSON ? "  by client_ip: 10.0.0.7 x 3, 10.0.0.9 x 2, 10.0.1.1 x 1,"
                    + " 10.0.1.2 x 1, 10.0.1.3 x 1\n" : ""));
        }

        @ParameterizedTest
        @EnumSource(Format.class)
        void jsonNamesTheFiveTopSourcesOfEachKind(Format format) throws IOException {
            String json = analyze(log(format), "--json").out();

            assertThatJson(json).inPath("auth_failures.by_client_ip").isEqualTo(format == Format.TEXT ? "{}"
                    : "{\"10.0.0.7\":3,\"10.0.0.9\":2,\"10.0.1.1\":1,\"10.0.1.2\":1,\"10.0.1.3\":1}");
            assertThatJson(json).inPath("auth_failures.by_token_holder").isEqualTo("{\"carol (client dev-client)\":3,"
                    + "\"svc-batch\":1}");
        }
    }

    @Nested
    class FrequentWarningsAndErrors {

        private GatewayLog log(Format format) {
            GatewayLog log = new GatewayLog(format);
            long[] timeouts = {30000, 30000, 5000};
            for (int i = 0; i < timeouts.length; i++) {
                log.event(i, "WARN", INVOKER, "Backend call search_restaurants_by_district on 'restaurant-search'"
                        + " failed (timeout): backend 'restaurant-search' did not answer within " + timeouts[i]
                        + " ms", "t-" + i);
            }
            log.event(10, "WARN", "io.mcpgateway.gateway.GatewayServer", "Gateway: 1 request(s) still running when"
                    + " the shutdown timeout (50000 ms) ended, cut off: POST /mcp (request"
                    + " 3f2a9c1e-7b4d-4e8f-9a01-2c3d4e5f6a7b, for 50.0 s)");
            log.event(11, "WARN", "io.mcpgateway.gateway.GatewayServer", "Gateway: 1 request(s) still running when"
                    + " the shutdown timeout (40000 ms) ended, cut off: POST /mcp (request client-run-42, for 41.7 s)");
            for (int i = 0; i < 10; i++) {
                log.event(20 + i, "ERROR", "io.mcpgateway.gateway.error.ErrorRenderer", "Unexpected failure on GET"
                        + " /health/" + (char) ('a' + i));
            }
            return log.event(40, "INFO", HEALTH, "Backend 'restaurant-search' is healthy");
        }

        @ParameterizedTest
        @EnumSource(Format.class)
        void theTenMostFrequentAreCountedByShapeWithTheirFirstExample(Format format) throws IOException {
            CommandRun run = analyze(log(format));

            assertThat(run.out()).contains("""
                    Warnings: 5, errors: 10
                    Most frequent warnings and errors (12 distinct):
                      WARN x 3: Backend call search_restaurants_by_district on 'restaurant-search' failed (timeout):\
                     backend 'restaurant-search' did not answer within 30000 ms
                      WARN x 2: Gateway: 1 request(s) still running when the shutdown timeout (50000 ms) ended, cut\
                     off: POST /mcp (request 3f2a9c1e-7b4d-4e8f-9a01-2c3d4e5f6a7b, for 50.0 s)
                      ERROR x 1: Unexpected failure on GET /health/a
                    """);
            assertThat(run.lines()).filteredOn(line -> line.startsWith("  ERROR x 1: ")).hasSize(8);
        }

        @ParameterizedTest
        @EnumSource(Format.class)
        void jsonGivesEachShapeWithItsCountAndExample(Format format) throws IOException {
            String json = analyze(log(format), "--json").out();

            assertThatJson(json).inPath("frequent_warnings_and_errors.distinct").isEqualTo(12);
            assertThatJson(json).inPath("frequent_warnings_and_errors.top").isArray().hasSize(10);
            assertThatJson(json).inPath("frequent_warnings_and_errors.top[0]").isEqualTo("{\"level\":\"WARN\","
                    + "\"count\":3,\"shape\":\"Backend call search_restaurants_by_district on 'restaurant-search'"
                    + " failed (timeout): backend 'restaurant-search' did not answer within <n> ms\",\"example\":"
                    + "\"Backend call search_restaurants_by_district on 'restaurant-search' failed (timeout): backend"
                    + " 'restaurant-search' did not answer within 30000 ms\"}");
        }
    }
}
