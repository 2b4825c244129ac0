package io.mcpgateway.gateway.backend;

import java.net.http.HttpClient;
import java.time.Clock;
import java.util.Map;

import io.mcpgateway.gateway.config.OutboundCredentials;
import tools.jackson.databind.json.JsonMapper;

/** The headers the gateway sends a backend on its own behalf: never the caller's token. */
public interface BackendCredentials {

    /** The headers for the next call. */
    Map<String, String> headers() throws BackendFailure;

    /**
     * The backend refused the credentials a request carried ({@code sent}: HTTP 401). Credentials that can be renewed
     * say true when the call is worth one more attempt with what {@link #headers()} gives next; fixed ones say false.
     */
    default boolean refused(Map<String, String> sent) {
        return false;
    }

    /** The credentials {@code configured} for {@code backend}. */
    static BackendCredentials of(String backend, OutboundCredentials configured, HttpClient http, JsonMapper mapper,
            Clock clock) {
        return switch (configured) {
            case OutboundCredentials.None none -> Map::of;
            case OutboundCredentials.StaticHeader header -> {
                Map<String, String> headers = Map.of(header.header(), header.value());
                yield () -> headers;
            }
            case OutboundCredentials.ClientCredentials grant ->
                new ClientCredentialsTokens(backend, grant, http, mapper, clock);
        };
    }
}
