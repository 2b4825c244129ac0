package io.mcpgateway.gateway.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

import org.junit.jupiter.api.Test;

import io.mcpgateway.gateway.config.BackendSettings;
import io.mcpgateway.json.Json;

/** The session a stateful backend keeps for the gateway: started once, ended when the gateway closes. */
class BackendSessionTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void aSessionWhoseStartEndsAfterTheGatewayClosedIsEndedAtOnceNotLeftToExpire() throws Exception {
        try (FaultyMcpServer server = FaultyMcpServer.start("alpha").requireSessions().holdInitialize()) {
            BackendSettings settings = BackendSettings.withDefaults("alpha", URI.create(server.url()));
            try (BackendConnections connections = new BackendConnections(settings)) {
                BackendSession session = new BackendSession("alpha", settings.mcpEndpoint(), connections, Map::of,
                        Json.newMapper(), new BackendEra("alpha", Json.newMapper()));
                FutureTask<String> starting = new FutureTask<>(() -> session.current(WAIT));
                Thread.ofVirtual().start(starting);
                await().atMost(WAIT).until(() -> server.initializeRequests() == 1);

                session.end(); // the gateway closes while initialize is on its way
                server.releaseHungCalls();

                assertThatThrownBy(starting::get).isInstanceOf(ExecutionException.class)
                        .cause().isInstanceOf(BackendFailure.class).hasMessageContaining("the gateway is closing");
                assertThat(server.sessionsEnded()).containsExactly("session-1");
                assertThat(session.id()).isNull();
            }
        }
    }
}
