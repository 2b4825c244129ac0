package io.mcpgateway.app.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.mcpgateway.app.AllProcess;
import io.mcpgateway.app.diagnostics.load.ClientCredentials;
import io.mcpgateway.devidp.DevIdpConfig;
import io.mcpgateway.json.Json;
import io.mcpgateway.testsupport.TestDataSets;

/**
 * The README's operations checklist against {@code all} started as a user starts it: is it up, is the token right,
 * how fast is it, do the MCP endpoints answer. Only what {@code all} prints is known about it.
 */
@Timeout(120)
class AllSystemDiagnosticsIntegrationTest {

    static AllProcess all;

    @BeforeAll
    static void start() throws Exception {
        all = AllProcess.start(TestDataSets.hongKong());
    }

    @AfterAll
    static void stop() throws Exception {
        all.stop();
        all.close();
    }

    /** A token from the issuer's token endpoint, as a client gets one. */
    private static String token() {
        Duration timeout = Duration.ofSeconds(10);
        return new ClientCredentials(URI.create(all.tokenEndpoint()), DevIdpConfig.DEFAULT_CLIENT_ID,
                DevIdpConfig.DEFAULT_CLIENT_SECRET, null).fetch(new HttpProbe(HttpProbe.newClient(timeout), timeout),
                        Json.newMapper());
    }

    @Test
    void healthPassesEveryCheck() {
        CommandRun run = CommandRun.of("health", "--url", all.gatewayUrl(), "--issuer", all.issuer());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.lines()).last().isEqualTo("All 8 checks passed.");
    }

    @Test
    void aShortLoadTestWithATokenFromTheIssuerSucceeds() {
        CommandRun token = CommandRun.of("load-test", "--url", all.gatewayUrl(), "--token-endpoint",
                all.tokenEndpoint(), "--client-id", DevIdpConfig.DEFAULT_CLIENT_ID, "--client-secret",
                DevIdpConfig.DEFAULT_CLIENT_SECRET, "--requests", "10", "--concurrency", "2");

        assertThat(token.exitCode()).as(token.toString()).isZero();
        assertThat(token.line("Requests:")).isEqualTo("Requests:    10 (10 succeeded, 0 failed)");
    }

    @Test
    void validateTokenAcceptsWhatTheGatewayAcceptsAndRefusesAnotherClientsToken() {
        String token = token();

        CommandRun accepted = CommandRun.of("validate-token", "--token", token, "--issuer", all.issuer(),
                "--client-id", DevIdpConfig.DEFAULT_CLIENT_ID);
        CommandRun refused = CommandRun.of("validate-token", "--token", token, "--issuer", all.issuer(),
                "--client-id", "another-app");

        assertThat(accepted.exitCode()).as(accepted.toString()).isZero();
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.lines()).last().asString().contains("(reason wrong_client)");
    }

    @Test
    void theGatewaysMcpEndpointAnswersAPingWithAToken() {
        String token = token();

        CommandRun run = CommandRun.of("mcp", "ping", all.gatewayUrl() + "/mcp", "--token", token);

        assertThat(run.exitCode()).as(run.toString()).isZero();
    }
}
