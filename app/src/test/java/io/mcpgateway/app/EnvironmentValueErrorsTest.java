package io.mcpgateway.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bad value in an environment variable, as users meet it: the jar's main in a process of its own with that
 * variable set (picocli reads the environment itself). It is a configuration error naming the variable, in one line
 * with exit code 1; the same value typed on the command line stays a usage error (exit code 2).
 */
class EnvironmentValueErrorsTest {

    @TempDir
    Path scratch;

    private ExternalProcess main(Map<String, String> environment, String... args) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "io.mcpgateway.app.Main"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        ExternalProcess process = ExternalProcess.run(builder, Duration.ofSeconds(60), scratch);
        assertThat(process.finished()).as("the command ends by itself").isTrue();
        return process;
    }

    @Test
    void aBadVariableIsOneLineNamingItWithExitCode1() {
        ExternalProcess port = main(Map.of("SEARCH_SERVER_PORT", "abc"), "search-server");
        assertThat(port.exitCode()).isEqualTo(1);
        assertThat(port.stderr().strip())
                .isEqualTo("error: SEARCH_SERVER_PORT (--port): 'abc' is not a port number (0 to 65535)");

        ExternalProcess reload = main(Map.of("DATA_RELOAD_SECONDS", "-5"), "search-server", "--port", "0");
        assertThat(reload.exitCode()).isEqualTo(1);
        assertThat(reload.stderr().strip()).isEqualTo("error: DATA_RELOAD_SECONDS (--data-reload-seconds): '-5' is"
                + " not a whole number of 0 or more");

        ExternalProcess endpoint = main(Map.of("DATA_S3_ENDPOINT", "http://x y"), "search-server", "--port", "0");
        assertThat(endpoint.exitCode()).isEqualTo(1);
        assertThat(endpoint.stderr()).startsWith("error: DATA_S3_ENDPOINT (--data-s3-endpoint): ")
                .doesNotContain("Usage:");
        ExternalProcess hosts = main(Map.of("MCP_ALLOWED_HOSTS", "*"), "reasoning-server", "--port", "0");
        assertThat(hosts.exitCode()).isEqualTo(1);
        assertThat(hosts.stderr()).as("a list option's refusal, as the others: no picocli prefix inside")
                .startsWith("error: MCP_ALLOWED_HOSTS (--allowed-host): '*' is not host").doesNotContain("Invalid");
        ExternalProcess host = main(Map.of("MCP_BIND_HOST", " "), "reasoning-server", "--port", "0");
        assertThat(host.exitCode()).isEqualTo(1);
        assertThat(host.stderr().strip()).isEqualTo("error: MCP_BIND_HOST (--host): ' ' is not an address, such as"
                + " 0.0.0.0 or 127.0.0.1");
    }

    @Test
    void anOptionWinsOverItsVariableWhateverTheVariableHolds() {
        ExternalProcess alone = main(Map.of("GATEWAY_PORT", "abc"), "gateway");
        ExternalProcess withOption = main(Map.of("GATEWAY_PORT", "abc", "GATEWAY_HOST", " "), "gateway", "--port",
                "0", "--host", "127.0.0.1");

        assertThat(alone.exitCode()).isEqualTo(1);
        assertThat(alone.stderr()).contains("GATEWAY_PORT");
        assertThat(withOption.stderr()).as("stopped by what comes next, no token issuer").doesNotContain(
                "GATEWAY_PORT", "GATEWAY_HOST").contains("OIDC_ISSUER_URL");
    }

    @Test
    void allReadsThePartsPortVariablesAsTheirOwnCommandsDo() {
        for (String variable : new String[] {"GATEWAY_PORT", "SEARCH_SERVER_PORT", "REASONING_SERVER_PORT",
            "DEV_IDP_PORT"}) {
            ExternalProcess all = main(Map.of(variable, "abc"), "all");

            assertThat(all.exitCode()).as(variable).isEqualTo(1);
            assertThat(all.stderr()).as(variable).startsWith("error: " + variable + " (--");
        }
    }

    @Test
    void allChecksTheGatewaysSettingsBeforeAnythingStarts() {
        // a data set that cannot load: the first thing started, so its error would come first
        ExternalProcess all = main(Map.of("RATE_LIMIT_BURST", "x", "DATA_DIR", scratch.resolve("absent").toString()),
                "all", "--port", "0", "--search-port", "0", "--reasoning-port", "0", "--idp-port", "0");

        assertThat(all.exitCode()).isEqualTo(1);
        assertThat(all.stderr().strip()).startsWith("error: RATE_LIMIT_BURST").doesNotContain("DATA_DIR");
    }

    @Test
    void theSameValueOnTheCommandLineIsAUsageError() {
        ExternalProcess typed = main(Map.of(), "search-server", "--port", "abc");

        assertThat(typed.exitCode()).isEqualTo(2);
        assertThat(typed.stderr()).startsWith("Invalid value for option '--port': 'abc' is not a port number")
                .contains("Try 'mcp-tools-gateway search-server --help' for more information.")
                .doesNotContain("Usage:");
    }

    @Test
    void aBadValueTypedWhileTheVariableIsSetIsStillAUsageError() {
        ExternalProcess typed = main(Map.of("SEARCH_SERVER_PORT", "8081"), "search-server", "--port=abc");

        assertThat(typed.exitCode()).isEqualTo(2);
        assertThat(typed.stderr()).contains("Invalid value for option '--port': 'abc'").doesNotContain("error: ");
    }

    @Test
    void aPasswordInARefusedUrlIsNotShown() {
        ExternalProcess endpoint = main(Map.of("DATA_S3_ENDPOINT", "http://user:s3cret@x y"), "search-server",
                "--port", "0");

        assertThat(endpoint.exitCode()).isEqualTo(1);
        assertThat(endpoint.stderr()).startsWith("error: DATA_S3_ENDPOINT (--data-s3-endpoint): ")
                .doesNotContain("s3cret");
    }

    @Test
    void aTokenGivenWhereTheCommandTakesNoneIsNotShown() {
        String token = "eyJraWQiOiJrMSIsImFsZyI6IlJTMjU2In0.eyJzdWIiOiJhbGljZSJ9"
                + ".c2lnbmF0dXJlLXRoYXQtbXVzdC1ub3Qtc2hvdw";

        ExternalProcess typed = main(Map.of(), "validate-token", "--issuer", "http://127.0.0.1:1", token);

        assertThat(typed.exitCode()).isEqualTo(2);
        assertThat(typed.stderr()).contains("Unmatched argument", "(a token, not shown)")
                .doesNotContain("eyJzdWIiOiJhbGljZSJ9", "c2lnbmF0dXJl");
    }

    @Test
    void anOpaqueTokenOrSecretGivenWhereTheCommandTakesNoneIsNotShownButAMistypedPathOrHostIs() {
        // an opaque access token (RFC 6749's example, made longer), a secret in standard base64 (AWS's example)
        for (String secret : List.of("2YotnFZFEjr1zCsicMWpAA8fJ3kHc0d2Xq9x",
                "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")) {
            ExternalProcess typed = main(Map.of(), "validate-token", "--issuer", "http://127.0.0.1:1", secret);

            assertThat(typed.exitCode()).isEqualTo(2);
            assertThat(typed.stderr()).contains("Unmatched argument", "(a token or secret, not shown)")
                    .doesNotContain(secret);
        }
        for (String readable : List.of("/etc/mcp-tools-gateway/gateway-config-production-2026.yaml",
                "restaurant-search.default.svc.cluster.local")) {
            assertThat(main(Map.of(), "validate-token", "--issuer", "http://127.0.0.1:1", readable).stderr())
                    .contains("'" + readable + "'");
        }
    }

    @Test
    void theCommandLineWinsOverABadVariable() {
        ExternalProcess help = main(Map.of("REASONING_SERVER_PORT", "abc"), "reasoning-server", "--port", "0",
                "--help");

        assertThat(help.exitCode()).isZero();
        assertThat(help.stdout()).contains("Usage:");
    }
}
