package io.mcpgateway.devidp;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The OpenID Provider Metadata document (OpenID Connect Discovery 1.0 §3) of this issuer. */
record ProviderMetadata(
        @JsonProperty("issuer") String issuer,
        @JsonProperty("jwks_uri") String jwksUri,
        @JsonProperty("authorization_endpoint") String authorizationEndpoint,
        @JsonProperty("token_endpoint") String tokenEndpoint,
        @JsonProperty("grant_types_supported") List<String> grantTypesSupported,
        @JsonProperty("token_endpoint_auth_methods_supported") List<String> tokenEndpointAuthMethodsSupported,
        @JsonProperty("response_types_supported") List<String> responseTypesSupported,
        @JsonProperty("subject_types_supported") List<String> subjectTypesSupported,
        @JsonProperty("id_token_signing_alg_values_supported") List<String> idTokenSigningAlgValuesSupported,
        @JsonProperty("scopes_supported") List<String> scopesSupported) {

    ProviderMetadata {
        grantTypesSupported = List.copyOf(grantTypesSupported);
        tokenEndpointAuthMethodsSupported = List.copyOf(tokenEndpointAuthMethodsSupported);
        responseTypesSupported = List.copyOf(responseTypesSupported);
        subjectTypesSupported = List.copyOf(subjectTypesSupported);
        idTokenSigningAlgValuesSupported = List.copyOf(idTokenSigningAlgValuesSupported);
        scopesSupported = List.copyOf(scopesSupported);
    }

    /** What this issuer supports: the client credentials grant with a secret, RS256 tokens, public subjects. */
    static ProviderMetadata of(IssuerEndpoints endpoints, List<String> scopes) {
        // Discovery requires an authorization endpoint (and MCP clients' discovery with it) even where no grant
        // uses it: it answers that only client credentials are issued
        return new ProviderMetadata(endpoints.issuer(), endpoints.jwksUri(), endpoints.authorizationEndpoint(),
                endpoints.tokenEndpoint(),
                List.of(TokenRequest.CLIENT_CREDENTIALS),
                List.of("client_secret_basic", "client_secret_post"),
                // Discovery requires the field; none, as the authorization endpoint answers every response type
                // with unsupported_response_type ("token" was listed, and refused there)
                List.of(),
                List.of("public"),
                List.of("RS256"),
                scopes);
    }
}
