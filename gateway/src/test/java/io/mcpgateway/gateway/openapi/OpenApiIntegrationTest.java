package io.mcpgateway.gateway.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.mcpgateway.gateway.GatewayFixture;
import io.mcpgateway.gateway.GatewayServer;
import io.mcpgateway.gateway.config.RouteSettings;
import io.mcpgateway.mcpkit.McpServerHost;
import io.mcpgateway.testsupport.McpTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code GET /openapi.json} of the whole system: every route, its tool's live schemas, errors, security, public endpoints. */
@Timeout(120)
class OpenApiIntegrationTest {

    private static final List<RouteSettings> ROUTES = RouteSettings.restaurantDefaults();
    private static final List<String> PUBLIC_PATHS = List.of("/health", "/health/live", "/health/ready", "/metrics",
            "/metrics/prometheus", "/tools/metadata", "/tools/metadata/{tool}", "/tools/metadata/categories/{category}",
            "/tools/metadata/mbti/{type}", "/tools/pins", "/.well-known/oauth-protected-resource",
            "/.well-known/oauth-protected-resource/mcp", "/status", "/status/data", "/openapi.json", "/docs");
    private static final List<String> ROUTE_ERRORS = List.of("400", "401", "403", "408", "413", "415", "429", "500",
            "503", "504");

    private static GatewayFixture system;
    private static JsonNode document;
    private static OpenApiAssertions openApi;

    @BeforeAll
    static void start() throws IOException {
        system = new GatewayFixture();
        HttpResponse<String> response = system.get("/openapi.json");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        document = system.mapper.readTree(response.body());
        openApi = new OpenApiAssertions(document, system.mapper);
        // Kept for people and tools to look at (for example an OpenAPI linter).
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "openapi.json"), document.toPrettyString());
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    private static JsonNode operation(RouteSettings route) {
        return document.path("paths").path(route.path()).path(route.method().toLowerCase(Locale.ROOT));
    }

    @Nested
    class Structure {

        @Test
        void documentIsOpenApi31WithTheGatewaysTitleVersionAndRelativeServer() {
            assertThat(document.path("openapi").asString()).isEqualTo("3.1.0");
            assertThat(document.path("info").path("title").asString()).isEqualTo("MCP Tools Gateway");
            assertThat(document.path("info").path("version").asString()).isEqualTo(GatewayServer.VERSION);
            assertThat(document.path("servers").path(0).path("url").asString()).isEqualTo("/");
        }

        @Test
        void documentIsValidAgainstTheOfficialOpenApi31Schema() {
            assertThat(openApi.specificationErrors()).isEmpty();
        }

        @Test
        void everyReferenceResolvesWithinTheDocument() {
            List<String> refs = openApi.references();

            assertThat(refs).isNotEmpty().allSatisfy(ref -> assertThat(ref).startsWith("#/"));
            assertThat(refs).allSatisfy(ref -> assertThat(openApi.resolve(ref).isMissingNode()).as(ref).isFalse());
        }

        @Test
        void everyOperationHasAUniqueIdAndEveryResponseADescription() {
            List<String> ids = new ArrayList<>();
            document.path("paths").forEach(item -> item.forEach(operation -> {
                ids.add(operation.path("operationId").asString());
                operation.path("responses").forEach(response -> assertThat(
                        openApi.inline(response).path("description").asString()).isNotBlank());
            }));

            assertThat(ids).doesNotHaveDuplicates().doesNotContain("");
        }

        @Test
        void theBearerSchemeIsAJwtHttpScheme() {
            JsonNode scheme = document.path("components").path("securitySchemes").path("bearerAuth");

            assertThat(scheme.path("type").asString()).isEqualTo("http");
            assertThat(scheme.path("scheme").asString()).isEqualTo("bearer");
            assertThat(scheme.path("bearerFormat").asString()).isEqualTo("JWT");
        }
    }

    @Nested
    class Routes {

        @Test
        void everyRouteOfTheTableIsDocumentedWithItsMethod() {
            assertThat(ROUTES).hasSize(5).allSatisfy(route -> assertThat(operation(route).isObject())
                    .as(route.method() + " " + route.path()).isTrue());
        }

        @Test
        void requestBodySchemaIsTheToolsLiveInputSchema() {
            Map<String, JsonNode> published = new HashMap<>();
            for (McpServerHost server : List.of(system.search, system.reasoning)) {
                try (McpTestClient client = McpTestClient.connect(server.port(), system.mapper)) {
                    client.tools().forEach((name, tool) -> published.put(name,
                            system.mapper.valueToTree(tool.inputSchema())));
                }
            }

            for (RouteSettings route : ROUTES) {
                JsonNode body = operation(route).path("requestBody");
                assertThat(body.path("required").asBoolean()).isTrue();
                // but for the fields it does not declare, which a route leaves out of the arguments, not refuses
                ObjectNode routed = (ObjectNode) published.get(route.tool()).deepCopy();
                assertThat(routed.remove("additionalProperties")).as(route.tool()).isNotNull();
                assertThat(body.path("content").path("application/json").path("schema"))
                        .as(route.tool()).isEqualTo(routed);
            }
        }

        @Test
        void exampleRequestBodiesSatisfyTheirSchemasAndAreAnsweredAsTryItOutSendsThem() {
            for (RouteSettings route : ROUTES) {
                JsonNode json = operation(route).path("requestBody").path("content").path("application/json");
                // the tools' worked examples, as /tools/metadata gives them
                List<JsonNode> examples = json.path("examples").valueStream().map(e -> e.path("value")).toList();

                assertThat(examples).as(route.tool()).isNotEmpty();
                for (JsonNode example : examples) {
                    openApi.assertValid(json.path("schema"), example, route.tool());
                    HttpResponse<String> tried = system.postWithToken(route.path(), example.toString());
                    assertThat(tried.statusCode()).as(route.tool() + " " + example + ": " + tried.body())
                            .isEqualTo(200);
                }
            }
        }

        @Test
        void successIsTheEnvelopeAroundTheToolsOutputData() {
            JsonNode schema = operation(ROUTES.get(0)).path("responses").path("200").path("content")
                    .path("application/json").path("schema");

            assertThat(schema.path("required").toString()).isEqualTo("[\"success\",\"data\",\"metadata\"]");
            assertThat(schema.path("properties").path("data").path("required").toString())
                    .isEqualTo("[\"restaurants\",\"count\",\"total_count\"]");
            assertThat(openApi.inline(schema.path("properties").path("metadata")).path("required").toString())
                    .isEqualTo("[\"request_id\",\"timestamp\",\"processing_time_ms\",\"backend\",\"tool\"]");
        }

        @Test
        void aLiveSuccessMatchesTheDocumentedSuccessSchema() {
            RouteSettings district = ROUTES.get(0);
            HttpResponse<String> response = system.postWithToken(district.path(),
                    "{\"districts\": [\"Admiralty\"], \"limit\": 2}");

            assertThat(response.statusCode()).isEqualTo(200);
            openApi.assertValid(operation(district).path("responses").path("200").path("content")
                    .path("application/json").path("schema"), system.mapper.readTree(response.body()), "200");
        }

        @Test
        void routesNeedTheBearerScheme() {
            assertThat(ROUTES).allSatisfy(route -> assertThat(operation(route).path("security").toString())
                    .isEqualTo("[{\"bearerAuth\":[]}]"));
        }

        @Test
        void everyErrorResponseReferencesTheErrorEnvelope() {
            for (RouteSettings route : ROUTES) {
                JsonNode responses = operation(route).path("responses");
                assertThat(responses.propertyNames()).containsAll(ROUTE_ERRORS);
                for (String status : ROUTE_ERRORS) {
                    JsonNode schema = openApi.follow(responses.path(status)).path("content").path("application/json")
                            .path("schema");
                    assertThat(schema.path("$ref").asString()).as(status)
                            .isEqualTo("#/components/schemas/ErrorEnvelope");
                }
            }
        }

        @Test
        void challengeAndRetryHeadersAreDocumentedWhereTheyAreSent() {
            JsonNode responses = operation(ROUTES.get(0)).path("responses");

            assertThat(openApi.inline(responses.path("401")).path("headers").propertyNames())
                    .contains("WWW-Authenticate", "X-Request-ID");
            assertThat(openApi.inline(responses.path("403")).path("headers").propertyNames())
                    .contains("WWW-Authenticate");
            assertThat(openApi.inline(responses.path("429")).path("headers").propertyNames())
                    .contains("Retry-After", "X-RateLimit-Limit", "X-RateLimit-Remaining");
            assertThat(openApi.inline(responses.path("503")).path("headers").propertyNames())
                    .contains("Retry-After");
        }

        @Test
        void aLiveErrorMatchesTheErrorEnvelopeSchema() {
            HttpResponse<String> response = system.post(ROUTES.get(0).path(), "{\"districts\": [\"Admiralty\"]}");

            assertThat(response.statusCode()).isEqualTo(401);
            openApi.assertValid(document.path("components").path("schemas").path("ErrorEnvelope"),
                    system.mapper.readTree(response.body()), "401");
        }
    }

    @Nested
    class PublicEndpoints {

        @Test
        void publicEndpointsAreListedWithoutSecurity() {
            assertThat(document.path("paths").propertyNames()).containsAll(PUBLIC_PATHS);
            assertThat(PUBLIC_PATHS).allSatisfy(path -> {
                JsonNode get = document.path("paths").path(path).path("get");
                assertThat(get.isObject()).as(path).isTrue();
                assertThat(get.has("security")).as(path).isFalse();
                assertThat(get.path("responses").has("200")).as(path).isTrue();
            });
        }

        @Test
        void everyDocumentedPublicPathIsServed() {
            for (String path : PUBLIC_PATHS) {
                String concrete = path.replace("{tool}", "recommend_restaurants").replace("{category}", "search")
                        .replace("{type}", "INTJ");
                assertThat(system.get(concrete).statusCode()).as(concrete).isEqualTo(200);
            }
        }

        @Test
        void aClientHoldingTheDocumentIsAnswered304WithoutIt() {
            HttpResponse<String> first = system.get("/openapi.json");
            String etag = first.headers().firstValue("ETag").orElseThrow();

            HttpResponse<String> again = system.get("/openapi.json", "If-None-Match", etag);
            HttpResponse<String> other = system.get("/openapi.json", "If-None-Match", "\"other\"");
            HttpResponse<String> listed = system.get("/openapi.json", "If-None-Match", "\"other\", "
                    + etag.substring(2)); // the strong form, as a proxy may pass it on, in a list

            assertThat(again.statusCode()).isEqualTo(304);
            assertThat(again.body()).isEmpty();
            assertThat(again.headers().firstValue("ETag")).hasValue(etag);
            assertThat(etag).startsWith("W/\"");
            assertThat(listed.statusCode()).isEqualTo(304);
            assertThat(other.statusCode()).isEqualTo(200);
            assertThat(other.body()).isEqualTo(first.body());
        }

        @Test
        void theOldDocsAddressIsDocumentedAsTheRedirectItIs() {
            HttpResponse<String> redoc = system.get("/redoc");

            assertThat(redoc.statusCode()).isEqualTo(301);
            assertThat(redoc.headers().firstValue("Location")).hasValue("/docs");
            assertThat(document.path("paths").path("/redoc").path("get").path("responses").propertyNames())
                    .containsExactly("301");
        }

        @Test
        void liveAnswersOfPublicJsonEndpointsMatchTheirDocumentedSchemas() {
            for (String path : List.of("/health", "/health/live", "/health/ready", "/metrics", "/tools/metadata",
                    "/tools/metadata/recommend_restaurants")) {
                HttpResponse<String> response = system.get(path);
                String documented = path.startsWith("/tools/metadata/") ? "/tools/metadata/{tool}" : path;
                JsonNode schema = document.path("paths").path(documented).path("get").path("responses")
                        .path(Integer.toString(response.statusCode())).path("content").path("application/json")
                        .path("schema");

                assertThat(schema.isObject()).as(path + " " + response.statusCode()).isTrue();
                openApi.assertValid(schema, system.mapper.readTree(response.body()), path);
            }
        }

        @Test
        void aDisabledBackendsHealthEntryMatchesTheDocumentedSchema() {
            // what HealthRoutes answers for a backend with enabled: false, which the fixture has none of
            openApi.assertValid(document.path("components").path("schemas").path("BackendHealth"),
                    system.mapper.readTree("{\"status\":\"disabled\"}"), "a disabled backend");
        }

        @Test
        void unknownToolMetadataIsTheDocumented404() {
            HttpResponse<String> response = system.get("/tools/metadata/nope");
            JsonNode documented = openApi.inline(document.path("paths").path("/tools/metadata/{tool}").path("get")
                    .path("responses").path("404"));

            assertThat(response.statusCode()).isEqualTo(404);
            openApi.assertValid(documented.path("content").path("application/json").path("schema"),
                    system.mapper.readTree(response.body()), "404");
        }

        @Test
        void theProtectedResourceMetadataForAForeignHostIsTheDocumented421() {
            HttpResponse<String> response = system.get("/.well-known/oauth-protected-resource", "Host",
                    "evil.example.com");
            JsonNode documented = openApi.inline(document.path("paths").path("/.well-known/oauth-protected-resource")
                    .path("get").path("responses").path("421"));

            assertThat(response.statusCode()).isEqualTo(421);
            openApi.assertValid(documented.path("content").path("application/json").path("schema"),
                    system.mapper.readTree(response.body()), "421");
        }
    }
}
