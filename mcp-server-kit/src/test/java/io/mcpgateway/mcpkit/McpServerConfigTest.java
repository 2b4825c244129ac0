package io.mcpgateway.mcpkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Allowed hosts and origins a request can carry: any other value would refuse every request, silently. */
class McpServerConfigTest {

    private static McpServerConfig withOrigins(List<String> origins) {
        return new McpServerConfig("127.0.0.1", 0, McpServerConfig.LOCAL_HOSTS, origins,
                McpServerConfig.DEFAULT_MAX_REQUEST_BYTES, McpServerConfig.DEFAULT_SHUTDOWN_TIMEOUT,
                McpServerConfig.DEFAULT_MAX_CONNECTIONS);
    }

    private static McpServerConfig withHosts(List<String> hosts) {
        return new McpServerConfig("127.0.0.1", 0, hosts, McpServerConfig.LOCAL_ORIGINS,
                McpServerConfig.DEFAULT_MAX_REQUEST_BYTES, McpServerConfig.DEFAULT_SHUTDOWN_TIMEOUT,
                McpServerConfig.DEFAULT_MAX_CONNECTIONS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"not an origin", "*", "https://app.example.com/", "http://a.com/path", "app.example.com",
            "ftp://app.example.com"})
    void anOriginNoBrowserSendsIsRefused(String origin) {
        assertThatThrownBy(() -> withOrigins(List.of(origin))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("allowed origin '" + origin + "' is not scheme://host[:port]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"*", "http://gateway:8080", "gateway/mcp", "gate way"})
    void aHostNoRequestCarriesIsRefused(String host) {
        assertThatThrownBy(() -> withHosts(List.of(host))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("allowed host '" + host + "' is not host, host:port or host:*");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://app.example.com", "http://localhost:*", "http://[::1]:3000"})
    void originsAsBrowsersSendThemAreTaken(String origin) {
        assertThat(withOrigins(List.of(origin)).allowedOrigins()).containsExactly(origin);
        assertThat(withHosts(List.of("restaurant-search:*", "gateway.example.com:443", "localhost")).allowedHosts())
                .hasSize(3);
    }
}
