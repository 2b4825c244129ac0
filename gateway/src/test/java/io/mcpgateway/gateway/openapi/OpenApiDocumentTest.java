package io.mcpgateway.gateway.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.mcpgateway.gateway.config.RouteSettings;
import io.mcpgateway.gateway.toolmeta.ToolGuidanceCatalog;
import io.mcpgateway.gateway.toolmeta.ToolPins;
import io.mcpgateway.gateway.toolmeta.ToolRegistry;
import io.mcpgateway.json.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The document made from a route table whose backends have listed nothing (none is configured): no sockets. */
class OpenApiDocumentTest {

    private final JsonMapper mapper = Json.newMapper();
    private final ToolRegistry nothingListed = new ToolRegistry(List.of(), ToolPins.inMemory(mapper, Clock.systemUTC()), mapper, Clock.systemUTC());

    private JsonNode document(RouteSettings... routes) {
        return new OpenApiDocument(List.of(routes), nothingListed, ToolGuidanceCatalog.empty(), "9.9.9", mapper)
                .build();
    }

    @Test
    void aRouteWhoseToolIsNotListedYetIsDocumentedWithAnyObjectAndSaysWhy() {
        JsonNode post = document(new RouteSettings("POST", "/api/x", "b", "tool_x", List.of()))
                .path("paths").path("/api/x").path("post");

        assertThat(post.path("requestBody").path("content").path("application/json").path("schema").toString())
                .isEqualTo("{\"type\":\"object\"}");
        assertThat(post.path("description").asString()).contains("has not listed this tool yet");
        assertThat(post.path("x-mcp-tool").path("listed").asBoolean(true)).isFalse();
        assertThat(post.path("responses").has("503")).isTrue();
    }

    @Test
    void theServedJsonIsMadeOnceWhileTheRoutesToolsStayAsTheyAreAndEqualsTheDocument() {
        OpenApiDocument document = new OpenApiDocument(List.of(new RouteSettings("POST", "/api/x", "b", "tool_x",
                List.of())), nothingListed, ToolGuidanceCatalog.empty(), "9.9.9", mapper);

        byte[] served = document.served().json();

        assertThat(document.served().json()).isSameAs(served);
        assertThat(new String(served, StandardCharsets.UTF_8)).isEqualTo(mapper.writeValueAsString(document.build()));
    }

    @Test
    void requiredScopesAreTheRolesOfTheBearerRequirement() {
        JsonNode post = document(new RouteSettings("POST", "/api/x", "b", "tool_x", List.of("gateway/read")))
                .path("paths").path("/api/x").path("post");

        assertThat(post.path("security").toString()).isEqualTo("[{\"bearerAuth\":[\"gateway/read\"]}]");
        assertThat(post.path("description").asString()).contains("gateway/read");
    }

    @Test
    void twoRoutesToOneToolGetDistinctOperationIds() {
        JsonNode paths = document(new RouteSettings("POST", "/a", "b", "tool_x", List.of()),
                new RouteSettings("POST", "/b", "b", "tool_x", List.of())).path("paths");

        assertThat(paths.path("/a").path("post").path("operationId").asString()).isEqualTo("tool_x");
        assertThat(paths.path("/b").path("post").path("operationId").asString()).isEqualTo("tool_x_2");
    }

    @Test
    void pathParametersInEitherJavalinSyntaxBecomeOpenApiTemplates() {
        JsonNode paths = document(new RouteSettings("POST", "/things/<id>", "b", "t", List.of()),
                new RouteSettings("POST", "/other/{name}/x", "b", "u", List.of())).path("paths");

        assertThat(paths.propertyNames()).contains("/things/{id}", "/other/{name}/x");
        assertThat(paths.path("/things/{id}").path("post").path("parameters").path(0).path("name").asString())
                .isEqualTo("id");
        assertThat(paths.path("/things/{id}").path("post").path("parameters").path(0).path("in").asString())
                .isEqualTo("path");
    }

    @Test
    void aGetRouteHasNoBodyAndNoBodyErrors() {
        JsonNode get = document(new RouteSettings("GET", "/api/status", "b", "status", List.of()))
                .path("paths").path("/api/status").path("get");

        assertThat(get.has("requestBody")).isFalse();
        assertThat(get.path("responses").propertyNames()).doesNotContain("408", "413", "415").contains("400", "401", "503");
    }

    @Test
    void eachBackendOfTheTableIsATagAndTheVersionIsTheGivenOne() {
        JsonNode document = document(new RouteSettings("POST", "/a", "search", "t", List.of()),
                new RouteSettings("POST", "/b", "reasoning", "u", List.of()));

        assertThat(document.path("info").path("version").asString()).isEqualTo("9.9.9");
        assertThat(document.path("tags").path(0).path("name").asString()).isEqualTo("search");
        assertThat(document.path("tags").path(1).path("name").asString()).isEqualTo("reasoning");
    }
}
