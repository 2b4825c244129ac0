package io.mcpgateway.devidp;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import io.mcpgateway.json.Json;
import tools.jackson.databind.json.JsonMapper;

/** What the integration tests share: the issuer's settings, well-formed request parts and response checks. */
final class IdpFixture {

    /** Fixed, so claims are predictable, and now, so tokens are still valid when verified. */
    static final Clock CLOCK = Clock.fixed(Instant.now().truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC);
    static final String BASIC = IdpHttp.basic("dev-client", "dev-secret");
    static final String GRANT = "grant_type=client_credentials";

    private static final JsonMapper MAPPER = Json.newMapper();

    private IdpFixture() {
    }

    /** Port 0, a second client whose credentials need form-encoding, and a scope beyond the default one. */
    static DevIdpConfig config() {
        return DevIdpConfig.defaults().withPort(0)
                .withClients(Map.of("dev-client", "dev-secret", "svc client", "p@ss:word"))
                .withScopes(List.of("restaurants/read", "restaurants/admin"), List.of("restaurants/read"));
    }

    /** The access token of a successful token response. */
    static String accessToken(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return MAPPER.readTree(response.body()).get("access_token").asString();
    }

    /** Checks a whole error response: status, JSON type and the RFC 6749 §5.2 body. */
    static void assertError(HttpResponse<String> response, int status, String error, String description) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThatJson(response.body()).isEqualTo(Map.of("error", error, "error_description", description));
    }
}
