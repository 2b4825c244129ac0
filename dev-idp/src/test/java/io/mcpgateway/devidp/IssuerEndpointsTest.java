package io.mcpgateway.devidp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class IssuerEndpointsTest {

    @Test
    void endpointsHangOffTheIssuer() {
        IssuerEndpoints endpoints = IssuerEndpoints.of("127.0.0.1", 9000);

        assertThat(endpoints.issuer()).isEqualTo("http://127.0.0.1:9000");
        assertThat(endpoints.discoveryUri()).isEqualTo("http://127.0.0.1:9000/.well-known/openid-configuration");
        assertThat(endpoints.jwksUri()).isEqualTo("http://127.0.0.1:9000/.well-known/jwks.json");
        assertThat(endpoints.tokenEndpoint()).isEqualTo("http://127.0.0.1:9000/oauth2/token");
    }

    @Test
    void ipv6LiteralIsBracketed() {
        assertThat(IssuerEndpoints.of("::1", 9000).issuer()).isEqualTo("http://[::1]:9000");
        assertThat(IssuerEndpoints.of("[::1]", 9000).issuer()).isEqualTo("http://[::1]:9000");
    }
}
