package io.mcpgateway.app.diagnostics.mcp;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;

import io.mcpgateway.app.diagnostics.UrlOption;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.json.JsonMapper;

/** Which MCP server to talk to and how: the options every {@code mcp} subcommand shares. */
final class McpTarget {

    static final String DEFAULT_PATH = "/mcp";

    @Parameters(index = "0", paramLabel = "URL", converter = UrlOption.class,
            description = "The server's MCP endpoint, for example http://127.0.0.1:8081/mcp (a URL without a path"
                    + " means " + DEFAULT_PATH + ").")
    URI url;

    @Option(names = "--token", description = "A bearer token to send (the gateway's /mcp needs one).")
    String token;

    @Option(names = "--timeout-ms", defaultValue = "10000",
            description = "How long each step may take (default ${DEFAULT-VALUE}).")
    int timeoutMs;

    boolean sendsToken() {
        return token != null && !token.isBlank();
    }

    Duration timeout() {
        return Duration.ofMillis(timeoutMs);
    }

    /** The endpoint with its default path filled in. */
    URI endpoint() {
        String path = url.getRawPath();
        return path == null || path.isEmpty() || path.equals("/") ? URI.create(origin() + DEFAULT_PATH) : url;
    }

    /** The SDK's client for the endpoint, not yet initialised. Any server works: stateless or with sessions. */
    McpSyncClient client(JsonMapper mapper) {
        URI endpoint = endpoint();
        String pathAndQuery = endpoint.getRawPath() + (endpoint.getRawQuery() == null ? "" : "?"
                + endpoint.getRawQuery());
        HttpClientStreamableHttpTransport.Builder transport = HttpClientStreamableHttpTransport.builder(origin())
                .endpoint(pathAndQuery)
                .connectTimeout(timeout())
                .jsonMapper(new JacksonMcpJsonMapper(mapper));
        if (sendsToken()) {
            transport.requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + token.strip()));
        }
        return McpClient.sync(transport.build())
                .requestTimeout(timeout())
                .initializationTimeout(timeout())
                .clientInfo(McpSchema.Implementation.builder("mcp-tools-gateway-diagnostics", "1.0.0").build())
                .build();
    }

    private String origin() {
        return url.getScheme() + "://" + url.getRawAuthority();
    }
}
