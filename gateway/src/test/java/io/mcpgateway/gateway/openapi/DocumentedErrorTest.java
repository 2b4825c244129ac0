package io.mcpgateway.gateway.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.mcpgateway.gateway.auth.AuthFailure;
import io.mcpgateway.gateway.error.GatewayException;
import tools.jackson.databind.JsonNode;

/** The document's error table stays in step with the failures the gateway really renders. */
class DocumentedErrorTest {

    private static final List<GatewayException> ONE_OF_EACH = List.of(
            GatewayException.Validation.of("bad"),
            new GatewayException.Authentication("MISSING_TOKEN", "no token", "Bearer realm=\"x\""),
            new GatewayException.Authorization("no scope", Map.of(), "Bearer realm=\"x\""),
            new GatewayException.NotFound("none", Map.of()),
            new GatewayException.MethodNotAllowed("GET", "/x", "POST"),
            new GatewayException.MisdirectedRequest("elsewhere"),
            new GatewayException.RequestTimeout(),
            new GatewayException.PayloadTooLarge(10),
            new GatewayException.UnsupportedMediaType("text/plain"),
            new GatewayException.RateLimit(20, Duration.ofSeconds(10), Duration.ofSeconds(3),
                    Map.of("X-RateLimit-Limit", "20", "X-RateLimit-Remaining", "0", "X-RateLimit-Reset", "3")),
            new GatewayException.Internal(),
            new GatewayException.ServiceUnavailable("DOWN", "down", Map.of(), Duration.ofSeconds(1)),
            new GatewayException.Timeout("b", Duration.ofSeconds(1)));

    @Test
    void everyFailureTheGatewayRendersIsDocumentedWithItsStatusTypeAndHeaders() {
        // A new kind of failure must be added above (and to DocumentedError) to pass.
        assertThat(ONE_OF_EACH).hasSize(GatewayException.class.getPermittedSubclasses().length);

        for (GatewayException failure : ONE_OF_EACH) {
            DocumentedError documented = Arrays.stream(DocumentedError.values())
                    .filter(e -> e.status() == failure.status()).findFirst().orElseThrow();
            assertThat(documented.type()).isEqualTo(failure.type());
            assertThat(documented.headers()).containsAll(failure.headers().keySet());
        }
    }

    @Test
    void theEnvelopesTypeListsEachKindOnce() {
        JsonNode types = ErrorComponents.envelopeSchema().path("properties").path("error").path("properties")
                .path("type").path("enum");

        assertThat(types.valueStream().map(JsonNode::asString).toList()).doesNotHaveDuplicates()
                .containsAll(Arrays.stream(DocumentedError.values()).map(DocumentedError::type).toList());
    }

    @Test
    void theAuthenticationExampleCodeIsOneTheGatewaySends() {
        assertThat(Arrays.stream(AuthFailure.values()).map(AuthFailure::name))
                .contains(DocumentedError.AUTHENTICATION.exampleCode());
    }

    @Test
    void everyRouteFailureHasAReusableResponse() {
        assertThat(DocumentedError.OF_ROUTES).extracting(DocumentedError::status)
                .containsExactly(400, 401, 403, 408, 413, 415, 429, 500, 503, 504);
        assertThat(ErrorComponents.responses().propertyNames())
                .containsAll(DocumentedError.OF_ROUTES.stream().map(DocumentedError::componentName).toList());
    }
}
