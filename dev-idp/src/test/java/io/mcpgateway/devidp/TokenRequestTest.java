package io.mcpgateway.devidp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class TokenRequestTest {

    private static TokenRequest parse(String body) {
        return TokenRequest.parse("application/x-www-form-urlencoded", body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void knownParametersAreReadAndDecoded() {
        assertThat(parse("grant_type=client_credentials&scope=a%20b+c&client_id=x&client_secret=p%40ss&other=1"))
                .isEqualTo(new TokenRequest("client_credentials", "a b c", "x", "p@ss"));
    }

    @Test
    void emptyValuesCountAsAbsent() {
        assertThat(parse("grant_type=&scope&client_id=x")).isEqualTo(new TokenRequest(null, null, "x", null));
    }

    @Test
    void emptyBodyHasNoParameters() {
        assertThat(parse("")).isEqualTo(new TokenRequest(null, null, null, null));
    }

    @Test
    void mediaTypeIsCaseInsensitiveAndMayHaveParameters() {
        TokenRequest request = TokenRequest.parse("Application/X-WWW-Form-URLEncoded ; charset=utf-8",
                "grant_type=client_credentials".getBytes(StandardCharsets.UTF_8));

        assertThat(request.grantType()).isEqualTo("client_credentials");
    }

    @Test
    void missingContentTypeIsInvalidRequest() {
        assertThatThrownBy(() -> TokenRequest.parse(null, new byte[0]))
                .hasMessage("the body must be application/x-www-form-urlencoded");
    }

    @Test
    void repeatedParameterIsInvalidRequest() {
        assertThatThrownBy(() -> parse("scope=a&scope=b")).hasMessage("a parameter was sent more than once");
    }

    @Test
    void truncatedPercentEscapeIsInvalidRequest() {
        assertThatThrownBy(() -> parse("scope=a%2")).isInstanceOfSatisfying(OAuthException.class,
                e -> assertThat(e.code()).isEqualTo(OAuthException.Code.INVALID_REQUEST));
    }
}
