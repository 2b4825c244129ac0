package io.mcpgateway.gateway.routes;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.mcpgateway.gateway.GatewayFixture;
import io.mcpgateway.gateway.config.GatewayConfig;
import io.mcpgateway.gateway.config.RouteSettings;

/** A GET route takes the tool's arguments from its query, typed by the tool's input schema. */
class GetRouteQueryIntegrationTest {

    private static final String ROUTE = "/api/v1/restaurants/by-district";

    private static GatewayFixture system;

    @BeforeAll
    static void start() {
        system = new GatewayFixture(Map.of(), config -> {
            List<RouteSettings> routes = new ArrayList<>(config.routes());
            routes.add(new RouteSettings("GET", ROUTE, "restaurant-search", "search_restaurants_by_district",
                    List.of()));
            return new GatewayConfig(config.server(), config.auth(), config.backends(), routes, config.health(),
                    config.rateLimits(), config.resilience(), config.cache(), config.mcp(), config.tools(),
                    config.environment());
        });
    }

    @AfterAll
    static void stop() {
        system.close();
    }

    private static HttpResponse<String> get(String query) {
        return system.get(ROUTE + query, "Authorization", "Bearer " + system.token());
    }

    @Test
    void repeatedParametersAreAnArraysItemsAndNumbersAreNumbers() {
        HttpResponse<String> response = get("?districts=Central%20district&districts=Admiralty&limit=2&offset=1");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThatJson(response.body()).inPath("data.count").isEqualTo(2);
        assertThatJson(response.body()).inPath("data.metadata.pagination").isEqualTo(
                "{\"limit\":2,\"offset\":1,\"has_more\":true}");
        assertThatJson(response.body()).inPath("data.metadata.search_criteria.normalized_districts")
                .isEqualTo("[\"Central district\",\"Admiralty\"]");
    }

    @Test
    void anIntegerIsReadAsAJsonBodyWouldHaveIt() {
        HttpResponse<String> whole = get("?districts=Admiralty&limit=2.0");
        HttpResponse<String> fraction = get("?districts=Admiralty&limit=2.5");

        assertThat(whole.statusCode()).as(whole.body()).isEqualTo(200);
        assertThatJson(whole.body()).inPath("data.count").isEqualTo(2);
        assertThat(fraction.statusCode()).as(fraction.body()).isEqualTo(400);
        assertThatJson(fraction.body()).inPath("error.message").asString().contains("/limit: number found");
    }

    @Test
    void aValueThatIsNotTheParametersTypeIsRefusedNamingIt() {
        HttpResponse<String> response = get("?districts=Admiralty&limit=two");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThatJson(response.body()).inPath("error.code").isEqualTo("SCHEMA_VIOLATION");
        assertThatJson(response.body()).inPath("error.details.schema_errors[0].path").isEqualTo("/limit");
        assertThatJson(response.body()).inPath("error.message").asString()
                .startsWith("The query does not match the input schema of search_restaurants_by_district: /limit");
    }

    @Test
    void aValueWithAMalformedEscapeIsRefusedNotLeftOut() throws IOException {
        // sent as raw bytes: Java's HTTP client refuses to send such a URI at all
        URI base = system.url("/");
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.getOutputStream().write(("GET " + ROUTE + "?districts=Central%20district&districts=Wan%ZZChai"
                    + "&limit=1 HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + system.token()
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(answer).startsWith("HTTP/1.1 400 ");
            String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
            assertThatJson(body).inPath("error.code").isEqualTo("MALFORMED_QUERY");
            assertThatJson(body).inPath("error.message").isEqualTo("The query parameter 'districts=Wan%ZZChai' holds"
                    + " a '%' that is not followed by two hexadecimal digits");
        }
    }

    @Test
    void aMissingRequiredParameterIsRefused() {
        HttpResponse<String> response = get("");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThatJson(response.body()).inPath("error.code").isEqualTo("SCHEMA_VIOLATION");
        assertThat(response.body()).contains("districts");
    }

    @Test
    void aSlipOfAParameterNameIsRefusedAsInABody() {
        HttpResponse<String> response = get("?district=Admiralty");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.body()).contains("unknown field 'district': did you mean 'districts'?");
    }
}
