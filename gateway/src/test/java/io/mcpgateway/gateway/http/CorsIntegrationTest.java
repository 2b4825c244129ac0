package io.mcpgateway.gateway.http;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import ch.qos.logback.classic.spi.ILoggingEvent;
import io.mcpgateway.gateway.GatewayFixture;

/** Browsers on allowed origins can call the gateway: pre-flight answered before authentication, headers exposed. */
@Timeout(120)
class CorsIntegrationTest {

    private static final String DISTRICT = "/api/v1/restaurants/search/district";
    private static final String APP = "https://app.example.com";

    private static HttpResponse<String> preflight(GatewayFixture system, String path, String origin) {
        return preflight(system, path, origin, "POST");
    }

    private static HttpResponse<String> preflight(GatewayFixture system, String path, String origin, String method) {
        return system.send(HttpRequest.newBuilder(system.url(path))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin)
                .header("Access-Control-Request-Method", method)
                .header("Access-Control-Request-Headers", "authorization,content-type"));
    }

    /** The names the answer varies with, in lower case, from every Vary line. */
    private static java.util.List<String> varyNames(HttpResponse<?> response) {
        return response.headers().allValues("Vary").stream().flatMap(v -> java.util.Arrays.stream(v.split(",")))
                .map(v -> v.strip().toLowerCase(java.util.Locale.ROOT)).toList();
    }

    @Nested
    class ByDefaultAnyOrigin {

        @Test
        void aPreflightOnAProtectedRouteIsAnsweredWithoutAToken() {
            try (GatewayFixture system = new GatewayFixture()) {
                HttpResponse<String> response = preflight(system, DISTRICT, APP);

                assertThat(response.statusCode()).as(response.body()).isBetween(200, 204);
                assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
                assertThat(response.headers().firstValue("Access-Control-Allow-Methods").orElse(""))
                        .containsIgnoringCase("POST");
                assertThat(response.headers().firstValue("Access-Control-Allow-Headers").orElse("").toLowerCase())
                        .contains("authorization", "content-type");
                assertThat(response.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();

                HttpResponse<String> call = system.post(DISTRICT, "{\"districts\": [\"Central district\"]}",
                        "Authorization", "Bearer " + system.token(), "Origin", APP);
                assertThat(call.statusCode()).isEqualTo(200);
                assertThat(call.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
                assertThat(call.headers().firstValue("Access-Control-Expose-Headers").orElse(""))
                        .contains("X-Request-ID", "Retry-After", "X-RateLimit-Remaining");

                assertThat(varyNames(call)).as("a cache keeps answers apart by both").contains("origin",
                        "accept-encoding");
                HttpResponse<String> gzipped = system.get("/tools/metadata", "Origin", APP, "Accept-Encoding",
                        "gzip");
                assertThat(gzipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
                assertThat(varyNames(gzipped)).contains("origin", "accept-encoding");

                HttpResponse<String> unauthenticated = system.post(DISTRICT, "{}", "Origin", APP);
                assertThat(unauthenticated.statusCode()).isEqualTo(401);
                assertThat(unauthenticated.headers().firstValue("Access-Control-Allow-Origin"))
                        .as("the page can read why it was refused").hasValue("*");
            }
        }
    }

    @Test
    void aPreflightApprovesOnlyAMethodThePathTakes() {
        try (GatewayFixture system = new GatewayFixture()) {
            for (String method : new String[] {"DELETE", "PUT", "PATCH", "GET"}) {
                HttpResponse<String> refused = preflight(system, DISTRICT, APP, method);
                assertThat(refused.headers().firstValue("Access-Control-Allow-Methods")).as(method).isEmpty();
            }
            assertThat(preflight(system, "/tools/metadata", APP, "GET").headers()
                    .firstValue("Access-Control-Allow-Methods").orElse("")).containsIgnoringCase("GET");
        }
    }

    @Test
    void anAnsweredPreflightIsLoggedAsASuccessWithTheAddressItCameFrom() {
        try (AccessLines access = new AccessLines(); GatewayFixture system = new GatewayFixture()) {
            HttpResponse<String> response = preflight(system, DISTRICT, APP);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(access.events()).extracting(ILoggingEvent::getFormattedMessage)
                    .anySatisfy(line -> assertThat(line).startsWith("OPTIONS " + DISTRICT + " 200 "))
                    .noneSatisfy(line -> assertThat(line).contains("METHOD_NOT_ALLOWED"));
            assertThat(access.events()).allSatisfy(event -> assertThat(event.getMDCPropertyMap())
                    .as("the connection's peer").containsEntry("client_ip", "127.0.0.1"));
        }
    }

    @Nested
    class McpEndpoint {

        @Test
        void aPreflightFromAPageMcpRefusesIsRefusedWhateverTheCorsOrigins() {
            try (GatewayFixture system = new GatewayFixture()) {
                HttpResponse<String> refused = preflight(system, "/mcp", "https://evil.example");
                HttpResponse<String> local = preflight(system, "/mcp", "http://localhost:3000");
                HttpResponse<String> rest = preflight(system, DISTRICT, "https://evil.example");

                assertThat(refused.statusCode()).isEqualTo(403);
                assertThatJson(refused.body()).inPath("error.message").isEqualTo("Origin not allowed");
                assertThat(local.statusCode()).as(local.body()).isBetween(200, 204);
                assertThat(local.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
                assertThat(rest.statusCode()).as("the REST routes follow server.cors_origins").isBetween(200, 204);
            }
        }
    }

    /** An OPTIONS that is no pre-flight asks which methods a path takes (RFC 9110, 9.3.7); not every path has one. */
    @Nested
    class PlainOptions {

        private static HttpResponse<String> options(GatewayFixture system, String path) {
            return system.send(HttpRequest.newBuilder(system.url(path))
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        }

        @Test
        void aPathIsAnsweredWithItsMethodsAndNoBody() {
            try (GatewayFixture system = new GatewayFixture()) {
                HttpResponse<String> route = options(system, DISTRICT);
                HttpResponse<String> health = options(system, "/health");

                assertThat(route.statusCode()).isEqualTo(204);
                assertThat(route.headers().firstValue("Allow")).hasValue("POST,OPTIONS");
                assertThat(route.body()).isEmpty();
                assertThat(route.headers().firstValue("Content-Type")).as("no content, so no type").isEmpty();
                assertThat(health.statusCode()).isEqualTo(204);
                assertThat(health.headers().firstValue("Allow")).hasValue("GET,HEAD,OPTIONS");
            }
        }

        @Test
        void anUnknownPathIsNotFoundWithOrWithoutCors() {
            for (String corsOrigins : new String[] {"*", ""}) {
                try (GatewayFixture system = new GatewayFixture(Map.of("CORS_ORIGINS", corsOrigins))) {
                    HttpResponse<String> response = options(system, "/no/such/path");

                    assertThat(response.statusCode()).as(corsOrigins).isEqualTo(404);
                    assertThatJson(response.body()).inPath("error.code").isEqualTo("NOT_FOUND");
                    assertThat(options(system, DISTRICT).statusCode()).as(corsOrigins).isEqualTo(204);
                }
            }
        }
    }

    @Nested
    class ListedOrigins {

        @Test
        void onlyListedOriginsAreAllowed() {
            try (GatewayFixture system = new GatewayFixture(Map.of("CORS_ORIGINS",
                    APP + ", http://localhost:3000"))) {
                assertThat(preflight(system, DISTRICT, APP).headers().firstValue("Access-Control-Allow-Origin"))
                        .hasValue(APP);
                assertThat(preflight(system, DISTRICT, "http://localhost:3000").headers()
                        .firstValue("Access-Control-Allow-Origin")).hasValue("http://localhost:3000");

                HttpResponse<String> other = preflight(system, DISTRICT, "https://evil.example");
                assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
                HttpResponse<String> health = system.get("/health", "Origin", "https://evil.example");
                assertThat(health.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
            }
        }

        @Test
        void anEmptyListTurnsCorsOff() {
            try (GatewayFixture system = new GatewayFixture(Map.of("CORS_ORIGINS", ""))) {
                HttpResponse<String> response = system.get("/health", "Origin", APP);

                assertThat(response.statusCode()).isIn(200, 503);
                assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
                assertThatJson(preflight(system, DISTRICT, APP).body()).inPath("success").isEqualTo(false);
            }
        }
    }
}
