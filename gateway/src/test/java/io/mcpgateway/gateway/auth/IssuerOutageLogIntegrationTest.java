package io.mcpgateway.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;

import io.mcpgateway.gateway.CapturedLogs;
import io.mcpgateway.gateway.GatewayFixture;
import io.mcpgateway.testsupport.TokenForge;

/** An identity provider out of reach: every request meets it, the log says so without a line per request. */
class IssuerOutageLogIntegrationTest {

    private static final String DEAD_ISSUER = "http://127.0.0.1:1/realm";

    @AutoClose
    private final CapturedLogs logs = CapturedLogs.of("io.mcpgateway.gateway");

    @Test
    void manyRequestsMeetingAnUnreachableIssuerAreEach503ButLoggedOnce() {
        String token = new TokenForge(TokenForge.newSigningKey(), Clock.systemUTC())
                .accessToken(DEAD_ISSUER, GatewayFixture.CLIENT_ID, "").signed();
        try (GatewayFixture fixture = new GatewayFixture(Map.of("OIDC_ISSUER_URL", DEAD_ISSUER))) {
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                HttpResponse<String> response = fixture.post("/api/v1/restaurants/search/district",
                        "{\"districts\":[\"Central\"]}", "Authorization", "Bearer " + token);
                statuses.add(response.statusCode());
            }

            assertThat(statuses).containsOnly(503);
            assertThat(logs.events()).filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
                    .extracting(ILoggingEvent::getFormattedMessage)
                    .filteredOn(line -> line.contains("keys") || line.contains("503"))
                    .singleElement().asString().startsWith("Cannot verify tokens: the issuer's keys are unavailable");
        }
    }
}
