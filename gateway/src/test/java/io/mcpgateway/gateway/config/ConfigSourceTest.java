package io.mcpgateway.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A configuration file read again, and read as each environment would read it (/config/validate/all). */
class ConfigSourceTest {

    private static final Map<String, String> OIDC = Map.of("OIDC_ISSUER_URL", "https://id.example.com",
            "OIDC_CLIENT_IDS", "app");

    @TempDir
    Path dir;

    private ConfigSource source(String yaml) throws IOException {
        return ConfigSource.of(new ConfigLoader(OIDC), Files.writeString(dir.resolve("gateway.yaml"), yaml),
                UnaryOperator.identity());
    }

    @Test
    void aSecretWrittenInTheFileIsValidInDevelopmentAndRefusedWhenReadAsProduction() throws IOException {
        ConfigSource source = source("""
                environment: development
                backends:
                  - {name: restaurant-search, url: 'http://127.0.0.1:8081', auth: {type: bearer, token: literal-7}}
                  - {name: restaurant-reasoning, url: 'http://127.0.0.1:8082'}
                """);

        assertThat(source.read().valid()).isTrue();
        assertThat(source.readAs(Environment.DEVELOPMENT).valid()).isTrue();
        assertThat(source.readAs(Environment.PRODUCTION).problems()).singleElement().asString()
                .startsWith("backends[0].auth.token: a secret written in the configuration file is refused in"
                        + " production");
        assertThat(source.read().config().environment()).as("reading as another leaves the file's own")
                .isEqualTo(Environment.DEVELOPMENT);
    }

    @Test
    void readAsAnotherEnvironmentStillRefusesAnEnvironmentTheFileGetsWrong() throws IOException {
        ConfigSource source = source("environment: prod\n");

        for (Environment environment : Environment.values()) {
            assertThat(source.readAs(environment).problems()).singleElement().asString()
                    .startsWith("environment must be one of");
        }
    }
}
