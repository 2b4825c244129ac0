package io.mcpgateway.app.diagnostics.load;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

import io.mcpgateway.app.StartupException;
import io.mcpgateway.app.diagnostics.HttpProbe;
import io.mcpgateway.app.diagnostics.ProbeResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Gets an access token with the OAuth 2.0 client credentials grant (RFC 6749 §4.4), the client authenticated with
 * HTTP Basic (§2.3.1: id and secret form-encoded first), as Cognito and the development issuer accept.
 *
 * @param scope space-separated scopes to ask for; null for the client's defaults
 */
public record ClientCredentials(URI tokenEndpoint, String clientId, String clientSecret, String scope) {

    public ClientCredentials {
        Objects.requireNonNull(tokenEndpoint, "tokenEndpoint");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
    }

    /** The access token; a refusal or a failure to reach the endpoint stops the command with the reason. */
    public String fetch(HttpProbe probe, JsonMapper mapper) {
        String credentials = form(clientId) + ":" + form(clientSecret);
        String body = "grant_type=client_credentials" + (scope == null ? "" : "&scope=" + form(scope));
        ProbeResult result = probe.send(HttpRequest.newBuilder(tokenEndpoint).timeout(probe.timeout())
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        credentials.getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        if (!result.answered()) {
            throw new StartupException("cannot get a token from " + tokenEndpoint + ": " + result.failure());
        }
        JsonNode json = result.json(mapper);
        String token = json == null ? "" : json.path("access_token").asString("");
        if (!result.ok()) {
            String error = json == null ? "" : json.path("error").asString("");
            throw new StartupException("the token endpoint " + tokenEndpoint + " refused: HTTP " + result.status()
                    + (error.isEmpty() ? "" : " " + error));
        }
        if (token.isEmpty()) { // a 200 from something else: a web page, a proxy's
            throw new StartupException("the token endpoint " + tokenEndpoint + " answered HTTP " + result.status()
                    + " without an access_token" + (json == null ? " (not JSON): is it the token endpoint?" : ""));
        }
        return token;
    }

    private static String form(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
