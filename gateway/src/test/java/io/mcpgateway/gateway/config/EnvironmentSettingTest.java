package io.mcpgateway.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code environment} setting, the comparison a reload makes, and reading a configuration again. */
class EnvironmentSettingTest {

    private static final Map<String, String> OIDC = Map.of("OIDC_ISSUER_URL", "https://id.example.com/realm",
            "OIDC_CLIENT_IDS", "app");

    @TempDir
    Path dir;

    private Path yaml(String text) throws IOException {
        Path file = dir.resolve("gateway.yaml");
        Files.writeString(file, text);
        return file;
    }

    private static Map<String, String> env(String name, String value) {
        Map<String, String> env = new HashMap<>(OIDC);
        env.put(name, value);
        return env;
    }

    @Test
    void theEnvironmentIsDevelopmentUnlessTheFileOrTheVariableSaysOtherwise() throws IOException {
        assertThat(new ConfigLoader(OIDC).load(null).environment()).isEqualTo(Environment.DEVELOPMENT);
        Path file = yaml("environment: Production\n");
        assertThat(new ConfigLoader(OIDC).load(file).environment()).isEqualTo(Environment.PRODUCTION);
        assertThat(new ConfigLoader(env("ENVIRONMENT", " staging ")).load(file).environment())
                .isEqualTo(Environment.STAGING);
        assertThat(Environment.PRODUCTION.label()).isEqualTo("production");
    }

    @Test
    void anUnknownEnvironmentNamesTheSettingAndTheChoices() throws IOException {
        assertThatThrownBy(() -> new ConfigLoader(OIDC).load(yaml("environment: prod\n")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("environment must be one of [development, staging, production, test] but was 'prod'");
        assertThatThrownBy(() -> new ConfigLoader(env("ENVIRONMENT", "live")).load(null))
                .hasMessageStartingWith("ENVIRONMENT must be one of");
        assertThatThrownBy(() -> new ConfigLoader(OIDC).load(yaml("environment: [production]\n")))
                .hasMessageContaining("environment");
    }

    @Test
    void theSameFileReadTwiceIsTheSameConfigurationAndAnEditNamesItsSection() throws IOException {
        Path file = yaml("""
                environment: staging
                rate_limits: {per_minute: 100, burst: 10}
                cache: {ttl_seconds: 60}
                """);
        GatewayConfig first = new ConfigLoader(OIDC).load(file);
        GatewayConfig again = new ConfigLoader(OIDC).load(file);

        assertThat(again).isEqualTo(first);
        assertThat(again.sectionsChangedFrom(first)).isEmpty();
        GatewayConfig otherBackend = new ConfigLoader(env("MCP_SEARCH_SERVER_URL", "http://search:9000"))
                .load(file);
        assertThat(otherBackend.sectionsChangedFrom(first)).containsExactly("backends");

        GatewayConfig edited = new ConfigLoader(OIDC).load(yaml("""
                environment: production
                rate_limits: {per_minute: 100, burst: 10}
                cache: {ttl_seconds: 30}
                """));
        assertThat(edited.sectionsChangedFrom(first)).containsExactly("environment", "cache");
    }

    @Test
    void aSourceReadsTheFileAgainAndReportsEveryProblemOfABrokenOne() throws IOException {
        Path file = yaml("environment: test\n");
        ConfigSource source = ConfigSource.of(new ConfigLoader(OIDC), file,
                config -> config.withServer(config.server().withPort(9999)));

        ConfigSource.Reading reading = source.read();
        assertThat(reading.valid()).isTrue();
        assertThat(reading.config().environment()).isEqualTo(Environment.TEST);
        assertThat(reading.config().server().port()).isEqualTo(9999);

        Files.writeString(file, "environment: nowhere\nserver: {port: -1}\n");
        ConfigSource.Reading broken = source.read();
        assertThat(broken.valid()).isFalse();
        assertThat(broken.config()).isNull();
        assertThat(broken.problems()).hasSize(2).anySatisfy(p -> assertThat(p).startsWith("environment must be"))
                .anySatisfy(p -> assertThat(p).startsWith("server.port"));

        Files.delete(file);
        assertThat(source.read().problems()).singleElement().asString().contains("is not a readable file");
    }

    @Test
    void aFixedSourceGivesItsConfigurationEveryTime() {
        GatewayConfig config = new ConfigLoader(OIDC).load(null);
        assertThat(ConfigSource.fixed(config).read().config()).isSameAs(config);
    }
}
