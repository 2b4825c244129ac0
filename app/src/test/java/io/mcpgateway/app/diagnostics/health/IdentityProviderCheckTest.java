package io.mcpgateway.app.diagnostics.health;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.mcpgateway.app.diagnostics.Check;
import io.mcpgateway.json.Json;
import tools.jackson.databind.JsonNode;

/** The health command's line on the token issuer, from the gateway's /health. */
class IdentityProviderCheckTest {

    private static JsonNode provider(String keys, boolean everFetched, String error) {
        return Json.newMapper().readTree("""
                {"issuer":"https://id.example","keys":"%s","ever_fetched":%s,"last_error":%s}""".formatted(keys,
                everFetched, error == null ? "null" : "\"" + error + "\""));
    }

    @Test
    void keysFetchedPassAndAnIssuerGoneSinceWarnsThatKnownKeysStillVerify() {
        assertThat(GatewayChecks.identityProvider(provider("fetched", true, null)))
                .hasValue(Check.pass("identity provider", "keys of https://id.example fetched"));
        assertThat(GatewayChecks.identityProvider(provider("unreachable", true, "connection refused")))
                .hasValue(Check.warn("identity provider", "keys of https://id.example cannot be fetched: connection"
                        + " refused; tokens signed with the keys fetched before still pass"));
    }

    @Test
    void anIssuerNeverReachedFailsForNoTokenCanBeVerified() {
        assertThat(GatewayChecks.identityProvider(provider("unreachable", false, "connection refused")))
                .hasValue(Check.fail("identity provider", "keys of https://id.example cannot be fetched: connection"
                        + " refused; no token can be verified"));
    }

    @Test
    void aGatewayWithoutTheSectionSaysNothing() {
        assertThat(GatewayChecks.identityProvider(Json.newMapper().readTree("{}"))).isEmpty();
    }
}
