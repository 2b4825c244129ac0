package io.mcpgateway.app;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.mcpgateway.testsupport.TestDataSets;

/**
 * {@code all} as a user runs it: one process, the project's development issuer, a token from its token endpoint, a
 * search through the gateway over the real data set, then Ctrl-C.
 */
@Timeout(90)
class AllCommandIntegrationTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void wholeSystemServesAnAuthenticatedSearchAndStopsCleanly() throws Exception {
        // a host named for the servers is accepted besides the local names the gateway calls them by
        try (AllProcess all = AllProcess.start(TestDataSets.hongKong(), "--allowed-host", "mcp.example.com")) {
            assertThat(all.welcome()).contains("TOKEN=$(curl").contains("1,849 restaurants")
                    .containsPattern("search MCP +http://127\\.0\\.0\\.1:\\d+/mcp")
                    .containsPattern("reasoning MCP +http://127\\.0\\.0\\.1:\\d+/mcp");

            HttpResponse<String> token = http.send(HttpRequest.newBuilder(URI.create(all.tokenEndpoint()))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("dev-client:dev-secret"
                            .getBytes(StandardCharsets.UTF_8)))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(token.statusCode()).isEqualTo(200);
            String accessToken = token.body().replaceAll(".*\"access_token\"\\s*:\\s*\"([^\"]+)\".*", "$1");

            HttpResponse<String> search = http.send(HttpRequest.newBuilder(
                            URI.create(all.gatewayUrl() + "/api/v1/restaurants/search/district"))
                    .header("Authorization", "Bearer " + accessToken).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"districts\": [\"Central district\"]}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(search.statusCode()).as(search.body()).isEqualTo(200);
            assertThatJson(search.body()).inPath("data.total_count").isEqualTo(63);
            Matcher searchServer = Pattern.compile("search MCP +(http://127\\.0\\.0\\.1:\\d+/mcp)")
                    .matcher(all.welcome());
            assertThat(searchServer.find()).isTrue();
            assertThat(statusLineOfPingWithHost(URI.create(searchServer.group(1)), "mcp.example.com"))
                    .startsWith("HTTP/1.1 200");

            assertThat(all.stop()).isIn(0, 143); // what Ctrl-C does: SIGTERM-like, shutdown hooks run
        }
    }

    /** A ping sent with a Host of its own, which the JDK's HTTP clients do not let a request set. */
    private static String statusLineOfPingWithHost(URI mcp, String host) throws IOException {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}";
        try (Socket socket = new Socket(mcp.getHost(), mcp.getPort())) {
            socket.getOutputStream().write(("POST " + mcp.getPath() + " HTTP/1.1\r\nHost: " + host
                    + "\r\nContent-Type: application/json\r\nAccept: application/json, text/event-stream\r\n"
                    + "Content-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body)
                    .getBytes(StandardCharsets.US_ASCII));
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
        }
    }
}
