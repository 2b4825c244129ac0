package io.mcpgateway.devidp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class DevIdpConfigTest {

    private static final DevIdpConfig DEFAULTS = DevIdpConfig.defaults();

    private static DevIdpConfig withHost(String host) {
        return new DevIdpConfig(host, 0, DEFAULTS.clients(), DEFAULTS.allowedScopes(), DEFAULTS.defaultScopes(),
                DEFAULTS.tokenLifetime());
    }

    @Test
    void defaultsAreTheDocumentedDevelopmentIssuer() {
        assertThat(DEFAULTS.host()).isEqualTo("127.0.0.1");
        assertThat(DEFAULTS.port()).isEqualTo(9000);
        assertThat(DEFAULTS.clients()).isEqualTo(Map.of("dev-client", "dev-secret"));
        assertThat(DEFAULTS.allowedScopes()).containsExactly("restaurants/read", "gateway-admin",
                "restaurants/recommend");
        assertThat(DEFAULTS.defaultScopes()).containsExactly("restaurants/read");
        assertThat(DEFAULTS.tokenLifetime()).isEqualTo(Duration.ofSeconds(3600));
    }

    @Test
    void toStringNamesClientsButNotSecrets() {
        assertThat(DEFAULTS.toString()).contains("dev-client").doesNotContain("dev-secret");
    }

    @Test
    void clientsAreCopied() {
        Map<String, String> clients = new HashMap<>(Map.of("a", "b"));
        DevIdpConfig config = DEFAULTS.withClients(clients);
        clients.put("c", "d");

        assertThat(config.clients()).containsOnlyKeys("a");
    }

    @Test
    void blankHostShouldFail() {
        assertThatThrownBy(() -> withHost(" ")).hasMessage("host must not be blank but was ' '");
    }

    @Test
    void wildcardHostShouldFail() {
        assertThatThrownBy(() -> withHost("0.0.0.0")).hasMessageContaining("not a wildcard, but was 0.0.0.0");
        assertThatThrownBy(() -> withHost("::")).hasMessageContaining("not a wildcard");
    }

    @Test
    void portOutOfRangeShouldFail() {
        assertThatThrownBy(() -> DEFAULTS.withPort(-1)).hasMessage("port must be between 0 and 65535 but was -1");
        assertThatThrownBy(() -> DEFAULTS.withPort(65536)).hasMessageContaining("but was 65536");
    }

    @Test
    void noClientsShouldFail() {
        assertThatThrownBy(() -> DEFAULTS.withClients(Map.of())).hasMessage("clients must name at least one client");
    }

    @Test
    void clientIdWithColonShouldFail() {
        assertThatThrownBy(() -> DEFAULTS.withClients(Map.of("a:b", "s")))
                .hasMessage("client id must be non-blank without ':' but was 'a:b'");
    }

    @Test
    void blankClientIdShouldFail() {
        assertThatThrownBy(() -> DEFAULTS.withClients(Map.of(" ", "s"))).hasMessageContaining("but was ' '");
    }

    @Test
    void emptySecretShouldFail() {
        assertThatThrownBy(() -> DEFAULTS.withClients(Map.of("a", "")))
                .hasMessage("client secret of 'a' must not be empty");
    }

    @Test
    void scopeWithSpaceShouldFail() {
        assertThatThrownBy(() -> DEFAULTS.withScopes(List.of("a b"), List.of("a b")))
                .hasMessageStartingWith("allowedScopes must hold RFC 6749 scope tokens").hasMessageEndingWith("'a b'");
    }

    @Test
    void scopeWithQuoteShouldFail() {
        assertThatThrownBy(() -> DEFAULTS.withScopes(List.of("a"), List.of("\"a\"")))
                .hasMessageStartingWith("defaultScopes must hold RFC 6749 scope tokens");
    }

    @Test
    void noDefaultScopesShouldFail() {
        assertThatThrownBy(() -> DEFAULTS.withScopes(List.of("a"), List.of()))
                .hasMessage("defaultScopes must name at least one scope");
    }

    @Test
    void defaultScopeNotAllowedShouldFail() {
        assertThatThrownBy(() -> DEFAULTS.withScopes(List.of("a"), List.of("b")))
                .hasMessage("defaultScopes must be among allowedScopes [a] but were [b]");
    }

    @Test
    void zeroTokenLifetimeShouldFail() {
        assertThatThrownBy(() -> DEFAULTS.withTokenLifetime(Duration.ZERO))
                .hasMessage("tokenLifetime must be between 1 second and PT24H but was PT0S");
    }

    @Test
    void tokenLifetimeOverADayShouldFail() {
        assertThatThrownBy(() -> DEFAULTS.withTokenLifetime(Duration.ofHours(25))).hasMessageEndingWith("PT25H");
    }
}
