package io.mcpgateway.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import ch.qos.logback.classic.Level;

/**
 * The warnings of {@code GET /config/validate} reach the log at start-up and after a reload, so an operator who never
 * asks still hears that, say, every token may reload the configuration of a production gateway.
 */
@Timeout(120)
class ConfigWarningLogIntegrationTest {

    private static final String OPEN_ADMIN = "auth.admin_scopes is empty: any caller with a token can reload the"
            + " configuration";

    @TempDir
    Path dir;
    @AutoClose
    private final CapturedLogs logs = CapturedLogs.of(ReloadingGateway.class);
    @AutoClose
    private GatewayFixture system;

    private List<String> warnings() {
        return logs.messages(Level.WARN).stream().filter(m -> m.startsWith("Configuration (")).toList();
    }

    @Test
    void aProductionGatewayWhoseAdminRoutesAnyTokenOpensSaysSoAtStartAndAfterAReload() throws Exception {
        Path file = dir.resolve("gateway.yaml");
        Files.writeString(file, ConfigReloadIntegrationTest.BASE.replace("auth: {admin_scopes: [gateway-admin]}",
                "auth: {admin_scopes: []}"));
        system = new GatewayFixture(ConfigReloadIntegrationTest.FROM_FILE, file);

        assertThat(warnings()).contains("Configuration (production): " + OPEN_ADMIN,
                "Configuration (production): rate_limits are off: one caller can take the whole capacity of the"
                        + " gateway");

        logs.clear();
        Files.writeString(file, ConfigReloadIntegrationTest.BASE);
        assertThat(reload().statusCode()).isEqualTo(200);
        assertThat(warnings()).isNotEmpty().noneMatch(w -> w.contains("admin_scopes"));

        logs.clear();
        Files.writeString(file, ConfigReloadIntegrationTest.BASE.replace("production", "development"));
        assertThat(reload().statusCode()).isEqualTo(200);
        assertThat(warnings()).isEmpty(); // a laptop's settings are not mistakes there
    }

    /** On a connection of its own, since the reload closes the one it came on. */
    private HttpResponse<String> reload() throws IOException, InterruptedException {
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(HttpRequest.newBuilder(system.url("/config/reload"))
                    .header("Authorization", "Bearer " + system.adminToken())
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
