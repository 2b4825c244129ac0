package io.mcpgateway.app.diagnostics.health;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.mcpgateway.app.diagnostics.CommandRun;
import io.mcpgateway.app.diagnostics.RunningSystem;
import io.mcpgateway.testsupport.ScriptedServer;

/** {@code health} against a running system, and against addresses where nothing answers. */
@Timeout(60)
class HealthCommandIntegrationTest {

    @RegisterExtension
    static final RunningSystem system = new RunningSystem();

    @Nested
    class HealthySystem {

        @Test
        void everyCheckPassesInOrderWithOneLineEach() {
            CommandRun run = CommandRun.of("health", "--url", system.gatewayUrl(), "--issuer", system.issuer());

            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(run.lines()).hasSize(10);
            assertThat(run.lines().get(0)).isEqualTo("Gateway " + system.gatewayUrl());
            assertThat(run.lines().get(1)).startsWith("✅ gateway health: healthy (version 1.0.0, up ");
            assertThat(run.lines().get(2)).startsWith("✅ backend restaurant-search: healthy (probe ");
            assertThat(run.lines().get(3)).startsWith("✅ backend restaurant-reasoning: healthy (probe ");
            assertThat(run.lines().get(4)).startsWith("✅ identity provider: keys of " + system.issuer());
            assertThat(run.lines().get(5)).startsWith("✅ OIDC discovery: issuer " + system.issuer()
                    + " matches; jwks_uri " + system.issuer() + "/.well-known/jwks.json");
            assertThat(run.lines().get(6)).startsWith("✅ JWKS: 1 key, 1 usable for RS256 (kid "
                    + system.idp().signingKeyId() + ")");
            assertThat(run.lines().get(7)).isEqualTo("✅ tool metadata: 5 tools (search_restaurants_by_district,"
                    + " search_restaurants_by_meal_type, search_restaurants_combined, recommend_restaurants,"
                    + " analyze_restaurant_sentiment)");
            assertThat(run.lines().get(8)).startsWith("✅ metrics: ").contains(" requests served, ");
            assertThat(run.lines().get(9)).isEqualTo("All 8 checks passed.");
        }

        @Test
        void theIssuerComesFromTheEnvironmentLikeTheGateways() {
            CommandRun run = CommandRun.with(new HealthCommand(Map.of("OIDC_ISSUER_URL", system.issuer())),
                    "--url", system.gatewayUrl());

            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(run.line("✅ OIDC discovery")).contains(system.issuer());
        }

        @Test
        void withoutAnIssuerTheOneTheGatewayNamesIsChecked() {
            CommandRun run = CommandRun.with(new HealthCommand(Map.of()), "--url", system.gatewayUrl());

            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(run.line("✅ OIDC discovery")).contains("issuer " + system.issuer() + " matches");
            assertThat(run.lines()).last().isEqualTo("All 8 checks passed.");
        }

        @Test
        void jsonHoldsEveryCheck() {
            CommandRun run = CommandRun.of("health", "--url", system.gatewayUrl(), "--issuer", system.issuer(),
                    "--json");

            assertThat(run.exitCode()).isZero();
            assertThatJson(run.out()).inPath("passed").isEqualTo(true);
            assertThatJson(run.out()).inPath("url").isEqualTo(system.gatewayUrl());
            assertThatJson(run.out()).inPath("checks[*].name").isArray().containsExactly("gateway health",
                    "backend restaurant-search", "backend restaurant-reasoning", "identity provider", "OIDC discovery",
                    "JWKS", "tool metadata", "metrics");
            assertThatJson(run.out()).inPath("checks[*].status").isArray().containsOnly("pass");
        }
    }

    @Nested
    class BrokenSetups {

        @Test
        void nothingListeningFailsTheGatewayAndSkipsWhatDependsOnIt() {
            CommandRun run = CommandRun.of("health", "--url", "http://127.0.0.1:1", "--issuer", system.issuer(),
                    "--timeout-ms", "2000");

            assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
            assertThat(run.line("❌ gateway health")).isEqualTo("❌ gateway health: cannot reach"
                    + " http://127.0.0.1:1/health: connection refused by 127.0.0.1:1 (is anything listening there?)");
            assertThat(run.line("➖ tool metadata")).contains("the gateway cannot be reached");
            assertThat(run.line("➖ metrics")).contains("the gateway cannot be reached");
            assertThat(run.lines()).last().isEqualTo("1 of 5 checks failed (2 skipped).");
        }

        @Test
        void aBackendDisabledInTheConfigurationIsSaidToBeSo() throws Exception {
            String health = "{\"status\":\"degraded\",\"version\":\"1.0.0\",\"uptime_seconds\":5,"
                    + "\"backends\":{\"alpha\":{\"status\":\"disabled\"}}}";
            try (ScriptedServer gateway = new ScriptedServer(socket -> {
                String request = ScriptedServer.readRequest(socket.getInputStream());
                boolean isHealth = request != null && request.startsWith("GET /health ");
                String body = isHealth ? health : "{}";
                ScriptedServer.send(socket, "HTTP/1.1 " + (isHealth ? "200 OK" : "404 Not Found")
                        + "\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: "
                        + body.length() + "\r\n\r\n" + body);
            })) {
                CommandRun run = CommandRun.of("health", "--url", gateway.uri("").toString(), "--issuer",
                        system.issuer(), "--timeout-ms", "2000");

                assertThat(run.line("⚠️ backend alpha")).as(run.toString()).isEqualTo("⚠️ backend alpha: disabled in"
                        + " the configuration (enabled: false): not probed, never called");
            }
        }

        @Test
        void anIssuerOtherThanTheGatewaysFails() {
            CommandRun run = CommandRun.with(new HealthCommand(Map.of("OIDC_ISSUER_URL", "https://other.example")),
                    "--url", system.gatewayUrl(), "--timeout-ms", "2000");

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.line("❌ issuer")).isEqualTo("❌ issuer: the gateway verifies tokens of '" + system.issuer()
                    + "', not 'https://other.example'");
        }

        @Test
        void anIssuerWhereNothingListensFailsDiscoveryAndSkipsTheKeys() {
            CommandRun run = CommandRun.of("health", "--url", system.gatewayUrl(), "--issuer", "http://127.0.0.1:1");

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.line("❌ OIDC discovery")).contains("cannot read"
                    + " http://127.0.0.1:1/.well-known/openid-configuration: connection refused by 127.0.0.1:1");
            assertThat(run.line("➖ JWKS")).contains("discovery failed");
        }

        @Test
        void anIssuerThatNamesAnotherIssuerFailsDiscovery() {
            String wrong = system.issuer().replace("127.0.0.1", "localhost");

            CommandRun run = CommandRun.of("health", "--url", system.gatewayUrl(), "--issuer", wrong);

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.line("❌ OIDC discovery")).contains("names issuer '" + system.issuer() + "', not '"
                    + wrong + "'");
        }

        @Test
        void aUrlThatIsNotTheGatewayIsSaidToBeSo() {
            CommandRun run = CommandRun.of("health", "--url", system.issuer());

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.line("❌ gateway health")).contains("without a health status: is --url the gateway's base"
                    + " URL?");
        }

        @Test
        void anMcpServersUrlIsNotTakenForAGateway() {
            CommandRun run = CommandRun.of("health", "--url", system.searchMcpUrl().replace("/mcp", ""));

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.line("❌ gateway health")).contains("without the gateway's backends: is --url a gateway");
        }

        @Test
        void aUrlThatIsNotHttpIsAUsageError() {
            for (String option : new String[] {"--url", "--issuer"}) {
                CommandRun run = option.equals("--url") ? CommandRun.of("health", "--url", "ftp://example.com")
                        : CommandRun.of("health", "--url", system.gatewayUrl(), "--issuer", "ftp://example.com");

                assertThat(run.exitCode()).as(option).isEqualTo(2);
                assertThat(run.err()).as(option).contains("Invalid value for option '" + option
                        + "': 'ftp://example.com' is not an http(s) URL");
            }
        }

        @Test
        void aWrongIssuerVariableIsAFailureNamingItInOneLine() {
            CommandRun cognito = CommandRun.with(new HealthCommand(Map.of("COGNITO_USER_POOL_ID", "bogus")),
                    "--url", system.gatewayUrl());
            CommandRun oidc = CommandRun.with(new HealthCommand(Map.of("OIDC_ISSUER_URL", "notaurl")),
                    "--url", system.gatewayUrl());

            assertThat(cognito.exitCode()).isEqualTo(1);
            assertThat(cognito.err().strip()).isEqualTo("error: COGNITO_USER_POOL_ID must look like us-east-1_AbC123xyz"
                    + " but was 'bogus' (or pass --issuer)");
            assertThat(oidc.exitCode()).isEqualTo(1);
            assertThat(oidc.err().strip()).isEqualTo("error: OIDC_ISSUER_URL must be an http(s) URL but was"
                    + " 'notaurl' (or pass --issuer)");
        }
    }
}
