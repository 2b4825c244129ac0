package io.mcpgateway.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class RequestContextTest {

    @Test
    void freshIdsAreDistinctVersionFourUuidsThatTheGatewayWouldEchoBack() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = RequestContext.newId();
            UUID uuid = UUID.fromString(id);
            assertThat(uuid.version()).isEqualTo(4);
            assertThat(uuid.variant()).isEqualTo(2);
            assertThat(uuid.toString()).isEqualTo(id);
            assertThat(RequestContext.isValidId(id)).isTrue();
            ids.add(id);
        }
        assertThat(ids).hasSize(10_000);
    }
}
