package io.mcpgateway.gateway.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import ch.qos.logback.classic.Level;
import io.mcpgateway.gateway.CapturedLogs;
import io.mcpgateway.gateway.config.OutboundCredentials;
import io.mcpgateway.json.Json;
import io.mcpgateway.testsupport.ManualClock;
import io.mcpgateway.testsupport.ScriptedServer;

class ClientCredentialsTokensTest {

    /** A token endpoint that issues a new token (t1, t2...) for an hour each time it is asked. */
    private static ScriptedServer issuingNewTokens() throws IOException {
        AtomicInteger issued = new AtomicInteger();
        return new ScriptedServer(socket -> {
            ScriptedServer.readRequest(socket.getInputStream());
            String token = "{\"access_token\":\"t" + issued.incrementAndGet() + "\",\"token_type\":\"Bearer\","
                    + "\"expires_in\":3600}";
            ScriptedServer.send(socket, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                    + token.length() + "\r\nConnection: close\r\n\r\n" + token);
        });
    }

    private static ClientCredentialsTokens tokensFrom(ScriptedServer endpoint, HttpClient http, ManualClock clock) {
        return new ClientCredentialsTokens("b", new OutboundCredentials.ClientCredentials(endpoint.uri("/token"),
                "client", "secret", List.of(), null), http, Json.newMapper(), clock);
    }

    @Test
    void aBackendRefusingEveryTokenCostsOneRenewalPerIntervalNotOnePerCall() throws Exception {
        ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
        try (ScriptedServer endpoint = issuingNewTokens(); HttpClient http = HttpClient.newHttpClient()) {
            ClientCredentialsTokens tokens = tokensFrom(endpoint, http, clock);

            Map<String, String> first = tokens.headers();
            boolean firstRefusal = tokens.refused(first);
            Map<String, String> second = tokens.headers();
            boolean secondRefusal = tokens.refused(second);
            tokens.headers();
            assertThat(endpoint.accepted()).isEqualTo(2);
            assertThat(tokens.refused(first)).as("a call that carried the token replaced since goes again").isTrue();
            assertThat(tokens.headers()).isEqualTo(second);

            clock.advance(ClientCredentialsTokens.REFUSAL_RENEWAL_INTERVAL.plus(Duration.ofSeconds(1)));
            boolean laterRefusal = tokens.refused(second);
            tokens.headers();

            assertThat(List.of(firstRefusal, secondRefusal, laterRefusal)).containsExactly(true, false, true);
            assertThat(endpoint.accepted()).isEqualTo(3);
        }
    }

    @Test
    void aRefusalOfTheOldTokenKeepsTheOneRenewedMeanwhile() throws Exception {
        ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
        try (ScriptedServer endpoint = issuingNewTokens(); HttpClient http = HttpClient.newHttpClient()) {
            ClientCredentialsTokens tokens = tokensFrom(endpoint, http, clock);
            Map<String, String> first = tokens.headers();
            AtomicReference<Map<String, String>> renewed = new AtomicReference<>();
            // while the backend's refusal of the first token is being noted, another call renews it (it was due)
            clock.atNextReading(() -> {
                clock.advance(Duration.ofHours(1));
                try {
                    renewed.set(tokens.headers());
                } catch (BackendFailure e) {
                    throw new AssertionError(e);
                }
            });

            assertThat(tokens.refused(first)).isTrue();

            assertThat(renewed.get()).isNotEqualTo(first);
            assertThat(tokens.headers()).as("the renewed token, kept").isEqualTo(renewed.get());
            assertThat(endpoint.accepted()).as("token requests").isEqualTo(2);
        }
    }

    @Test
    void aRefusalSaysTheStatusAndAnOAuthErrorCodeButNeitherTheEndpointsAddressNorItsOtherText() throws Exception {
        for (String error : new String[] {"invalid_client", "invalid_client\\nuser db01.corp:5432 password=hunter2"}) {
            String answer = "{\"error\":\"" + error + "\"}";
            try (ScriptedServer endpoint = new ScriptedServer(socket -> {
                ScriptedServer.readRequest(socket.getInputStream());
                ScriptedServer.send(socket, "HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\n"
                        + "Content-Length: " + answer.length() + "\r\nConnection: close\r\n\r\n" + answer);
            }); HttpClient http = HttpClient.newHttpClient()) {
                ClientCredentialsTokens tokens = tokensFrom(endpoint, http,
                        new ManualClock(Instant.parse("2026-01-01T00:00:00Z")));

                BackendFailure failure = catchThrowableOfType(BackendFailure.class, tokens::headers);

                // the message is shown by the public /health: the address and the endpoint's own words are logged
                assertThat(failure.getMessage()).startsWith("backend 'b': no access token: the token endpoint answered"
                        + " HTTP 400").doesNotContain("127.0.0.1", "/token", "hunter2", "db01");
                if (error.equals("invalid_client")) {
                    assertThat(failure.getMessage()).endsWith("HTTP 400 invalid_client");
                } else {
                    assertThat(failure.forLog()).contains("hunter2").doesNotContain("\n");
                }
            }
        }
    }

    @Test
    void aLastingFailureIsLoggedOnceAMinuteNotAtEveryAttempt() throws Exception {
        String answer = "{\"error\":\"invalid_client\"}";
        ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
        try (CapturedLogs logs = CapturedLogs.of(ClientCredentialsTokens.class);
                ScriptedServer endpoint = new ScriptedServer(socket -> {
                    ScriptedServer.readRequest(socket.getInputStream());
                    ScriptedServer.send(socket, "HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\n"
                            + "Content-Length: " + answer.length() + "\r\nConnection: close\r\n\r\n" + answer);
                }); HttpClient http = HttpClient.newHttpClient()) {
            ClientCredentialsTokens tokens = new ClientCredentialsTokens("b", new OutboundCredentials
                    .ClientCredentials(endpoint.uri("/token?key=s3cr3t"), "client", "secret", List.of(), null), http,
                    Json.newMapper(), clock);

            for (int attempt = 0; attempt < 3; attempt++) {
                catchThrowableOfType(BackendFailure.class, tokens::headers);
                clock.advance(Duration.ofMinutes(1)); // past any pause between attempts
            }

            assertThat(endpoint.accepted()).as("each attempt asked").isEqualTo(3);
            assertThat(logs.messages(Level.WARN)).singleElement().asString()
                    .startsWith("Cannot get an access token for backend 'b' from " + endpoint.uri("/token") + ":")
                    .as("a query may hold a key").doesNotContain("s3cr3t");
        }
    }

    @Test
    void aTokenAHeaderCannotCarryIsRefusedAsTheTokenEndpointsFailureWithoutRepeatingIt() throws Exception {
        String answer = "{\"access_token\":\"t1\\r\\nX-Injected: yes\",\"token_type\":\"Bearer\"}";
        try (ScriptedServer endpoint = new ScriptedServer(socket -> {
            ScriptedServer.readRequest(socket.getInputStream());
            ScriptedServer.send(socket, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                    + answer.length() + "\r\nConnection: close\r\n\r\n" + answer);
        }); HttpClient http = HttpClient.newHttpClient()) {
            ClientCredentialsTokens tokens = new ClientCredentialsTokens("b", new OutboundCredentials.ClientCredentials(
                    endpoint.uri("/token"), "client", "secret", List.of(), null), http, Json.newMapper(),
                    new ManualClock(Instant.parse("2026-01-01T00:00:00Z")));

            BackendFailure failure = catchThrowableOfType(BackendFailure.class, tokens::headers);

            assertThat(failure.kind()).isEqualTo(BackendFailure.Kind.UNAVAILABLE);
            assertThat(failure.getMessage()).contains("an access_token with spaces, control characters")
                    .doesNotContain("Injected");
        }
    }
}
