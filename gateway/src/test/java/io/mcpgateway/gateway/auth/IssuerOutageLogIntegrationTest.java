package io.mcpgateway.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

import io.mcpgateway.gateway.GatewayFixture;
import io.mcpgateway.testsupport.TokenForge;

/** An identity provider out of reach: every request meets it, the log says so without a line per request. */
class IssuerOutageLogIntegrationTest {

    private static final String DEAD_ISSUER = "http://127.0.0.1:1/realm";

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger gatewayLogs = (Logger) LoggerFactory.getLogger("io.mcpgateway.gateway");

    @BeforeEach
    void capture() {
        logs.start();
        gatewayLogs.addAppender(logs);
    }

    @AfterEach
    void release() {
        gatewayLogs.detachAppender(logs);
    }

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
            assertThat(logs.list).filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
                    .extracting(ILoggingEvent::getFormattedMessage)
                    .filteredOn(line -> line.contains("keys") || line.contains("503"))
                    .singleElement().asString().startsWith("Cannot verify tokens: the issuer's keys are unavailable");
        }
    }
}
