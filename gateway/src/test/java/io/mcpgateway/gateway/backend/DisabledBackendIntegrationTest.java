package io.mcpgateway.gateway.backend;

import static io.mcpgateway.gateway.backend.FaultInjectionGateway.ALPHA_LOOKUP;
import static io.mcpgateway.gateway.backend.FaultInjectionGateway.BETA_LOOKUP;
import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A backend configured with {@code enabled: false} stays configured but out of service. */
@Timeout(60)
class DisabledBackendIntegrationTest {

    @Test
    void itsRoutesAnswer503ItIsNeverCalledAndHealthSaysDisabled() {
        try (var env = new FaultInjectionGateway(5_000, 5_000, "{max_attempts: 1}", ", enabled: false", Map.of())) {
            HttpResponse<String> response = env.post(ALPHA_LOOKUP);

            assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
            assertThatJson(response.body()).inPath("error.code").isEqualTo("BACKEND_DISABLED");
            assertThatJson(response.body()).inPath("error.message").asString().contains("disabled");
            assertThat(env.post(BETA_LOOKUP).statusCode()).as("the other backend serves").isEqualTo(200);
            assertThat(env.alpha.mcpRequests()).as("not even tools/list reaches it").isZero();

            HttpResponse<String> health = env.get("/health");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThatJson(health.body()).inPath("backends.alpha.status").isEqualTo("disabled");
            assertThatJson(health.body()).inPath("backends.beta.status").isEqualTo("healthy");
            assertThatJson(health.body()).inPath("status").isEqualTo("healthy");
            assertThatJson(env.get("/tools/metadata").body()).inPath("data.total_tools").isEqualTo(1);
            assertThat(env.get("/metrics/prometheus").body()).as("a disabled backend is not probed: no gauge")
                    .contains("gateway_backend_up{backend=\"beta\"} 1.0")
                    .doesNotContain("gateway_backend_up{backend=\"alpha\"");
        }
    }

    @Test
    void withEveryBackendDisabledTheGatewayIsUnhealthyAndNotReady() {
        try (var env = new FaultInjectionGateway(5_000, 5_000, "{max_attempts: 1}", ", enabled: false", Map.of(), "",
                server -> { }, ", enabled: false")) {
            assertThat(env.post(BETA_LOOKUP).statusCode()).isEqualTo(503);

            // nothing can be served: /health says so, as /health/ready does (it said healthy: none of none failed)
            HttpResponse<String> health = env.get("/health");
            assertThat(health.statusCode()).isEqualTo(503);
            assertThatJson(health.body()).inPath("status").isEqualTo("unhealthy");
            assertThatJson(health.body()).inPath("backends.beta.status").isEqualTo("disabled");
            assertThat(env.get("/health/ready").statusCode()).isEqualTo(503);
        }
    }
}
