package io.mcpgateway.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class RequestIdsTest {

    @Test
    void freshIdsAreDistinctVersionFourUuidsThatTheGatewayWouldEchoBack() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = RequestIds.newId();
            UUID uuid = UUID.fromString(id);
            assertThat(uuid.version()).isEqualTo(4);
            assertThat(uuid.variant()).isEqualTo(2);
            assertThat(uuid.toString()).isEqualTo(id);
            assertThat(RequestIds.isValid(id)).isTrue();
            ids.add(id);
        }
        assertThat(ids).hasSize(10_000);
    }

    @Test
    void aValidIncomingIdIsKeptAndAnythingElseReplaced() {
        assertThat(RequestIds.acceptOrCreate("req-42.a:b_c")).isEqualTo("req-42.a:b_c");
        for (String bad : new String[] {null, "", "has space", "quote\"", "new\nline", "é", "x".repeat(129)}) {
            String id = RequestIds.acceptOrCreate(bad);
            assertThat(id).isNotEqualTo(bad);
            assertThat(UUID.fromString(id).version()).isEqualTo(4);
        }
        assertThat(RequestIds.isValid("x".repeat(128))).isTrue();
    }
}
