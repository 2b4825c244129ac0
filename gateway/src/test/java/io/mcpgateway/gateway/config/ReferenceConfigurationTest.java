package io.mcpgateway.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code config/gateway.yaml}, the reference that spells out every setting, holds each at its default. */
class ReferenceConfigurationTest {

    private static final Path REFERENCE = Path.of("..", "config", "gateway.yaml");

    @Test
    void theReferenceFileIsTheDefaultsSpelledOut(@TempDir Path dir) throws Exception {
        GatewayConfig reference = new ConfigLoader(Map.of()).load(REFERENCE);
        Path minimal = Files.writeString(dir.resolve("minimal.yaml"), "auth: {issuer: \"" + reference.auth().issuer()
                + "\", client_ids: " + reference.auth().clientIds() + "}\n");

        GatewayConfig defaults = new ConfigLoader(Map.of()).load(minimal);

        assertThat(reference).usingRecursiveComparison().isEqualTo(defaults);
        assertThat(Files.readString(REFERENCE)).as("the settings without a default are given as comments")
                .contains("# jwks_uri:", "# redis_url:", "# resource_url:", "# pins_file:");
    }
}
