package io.mcpgateway.gateway.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.mcpgateway.gateway.config.OutboundCredentials;
import io.mcpgateway.json.Json;
import io.mcpgateway.testsupport.ManualClock;
import io.mcpgateway.testsupport.ScriptedServer;

class ClientCredentialsTokensTest {

    private static final String TOKEN = "{\"access_token\":\"t\",\"token_type\":\"Bearer\",\"expires_in\":3600}";

    @Test
    void aBackendRefusingEveryTokenCostsOneRenewalPerIntervalNotOnePerCall() throws Exception {
        ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
        try (ScriptedServer endpoint = new ScriptedServer(socket -> {
            ScriptedServer.readRequest(socket.getInputStream());
            ScriptedServer.send(socket, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                    + TOKEN.length() + "\r\nConnection: close\r\n\r\n" + TOKEN);
        }); HttpClient http = HttpClient.newHttpClient()) {
            ClientCredentialsTokens tokens = new ClientCredentialsTokens("b", new OutboundCredentials.ClientCredentials(
                    endpoint.uri("/token"), "client", "secret", List.of(), null), http, Json.newMapper(), clock);

            tokens.headers();
            boolean firstRefusal = tokens.refused();
            tokens.headers();
            boolean secondRefusal = tokens.refused();
            tokens.headers();
            assertThat(endpoint.accepted()).isEqualTo(2);

            clock.advance(ClientCredentialsTokens.REFUSAL_RENEWAL_INTERVAL.plus(Duration.ofSeconds(1)));
            boolean laterRefusal = tokens.refused();
            tokens.headers();

            assertThat(List.of(firstRefusal, secondRefusal, laterRefusal)).containsExactly(true, false, true);
            assertThat(endpoint.accepted()).isEqualTo(3);
        }
    }
}
