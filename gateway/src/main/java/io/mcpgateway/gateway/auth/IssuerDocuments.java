package io.mcpgateway.gateway.auth;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.Optional;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;

import io.mcpgateway.gateway.http.BoundedExchange;
import io.mcpgateway.text.Echoed;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reading the issuer's documents (its discovery document and its key set) over HTTP, bounded in time and size, and
 * what makes a key set one tokens can be verified with.
 */
final class IssuerDocuments {

    static final int HTTP_TIMEOUT_MS = 5_000;
    /** The largest key set or discovery document read. */
    static final int MAX_BYTES = 512 * 1024;
    /** The most redirects followed to a discovery document or key set. */
    private static final int MAX_REDIRECTS = 5;

    private IssuerDocuments() {
    }

    /**
     * A GET of {@code uri}, its body at most {@link #MAX_BYTES}, each exchange within {@link #HTTP_TIMEOUT_MS},
     * following up to {@link #MAX_REDIRECTS} redirects (a key set moved to a CDN or a versioned path): the key fetch
     * that verifies tokens (Nimbus's, over HttpURLConnection) follows them, and the probes and the discovery must read
     * what it reads. The gateway's client follows none, for backends' sake; never from https to http here.
     */
    static HttpResponse<byte[]> get(HttpClient http, URI uri) throws IOException, InterruptedException {
        URI at = uri;
        for (int redirects = 0; ; redirects++) {
            HttpResponse<byte[]> response = BoundedExchange.send(http, HttpRequest.newBuilder(at)
                    .timeout(Duration.ofMillis(HTTP_TIMEOUT_MS)).GET().build(), BoundedExchange.bytesUpTo(MAX_BYTES),
                    Duration.ofMillis(HTTP_TIMEOUT_MS));
            URI next = redirects < MAX_REDIRECTS ? redirectTarget(at, response) : null;
            if (next == null) {
                return response;
            }
            at = next;
        }
    }

    /** Where a redirect leads; null for no redirect, or one to no http(s) URL, or one from https to http. */
    private static URI redirectTarget(URI from, HttpResponse<?> response) {
        int status = response.statusCode();
        if (status != 301 && status != 302 && status != 303 && status != 307 && status != 308) {
            return null;
        }
        try {
            URI to = from.resolve(response.headers().firstValue("Location").orElse(""));
            String scheme = String.valueOf(to.getScheme());
            boolean allowed = scheme.equalsIgnoreCase("https")
                    || scheme.equalsIgnoreCase("http") && from.getScheme().equalsIgnoreCase("http");
            return allowed && to.getHost() != null && !to.equals(from) ? to : null;
        } catch (IllegalArgumentException e) {
            return null; // a Location that is no URI: the redirect's status is the answer
        }
    }

    /**
     * The key set's URL that the discovery document at {@code discovery} names, fetched now; a
     * {@link KeySourceException} says why it cannot be used: not found, not JSON, another issuer's, no usable URL.
     */
    static URI readDiscovery(HttpClient http, URI discovery, String issuer, JsonMapper mapper)
            throws KeySourceException, IOException, InterruptedException {
        HttpResponse<byte[]> response = get(http, discovery);
        if (response.statusCode() != 200) {
            throw new KeySourceException("discovery " + discovery + " answered HTTP " + response.statusCode());
        }
        JsonNode document;
        try {
            document = mapper.readTree(response.body());
        } catch (JacksonException e) { // its message spans lines, and says what the parser is set to
            throw new KeySourceException("discovery " + discovery + " is not JSON");
        }
        String named = document.path("issuer").asString("");
        if (!issuer.equals(named)) {
            // the document's text, shown by the log and the public /health: on one line and bounded
            String hint = withoutFinalSlash(named).equals(withoutFinalSlash(issuer))
                    ? ": auth.issuer (OIDC_ISSUER_URL) must be written exactly as the issuer names itself, its final"
                            + " '/' included or not"
                    : "";
            String message = "discovery " + discovery + " names issuer '" + Echoed.oneLine(named, 200) + "'" + hint;
            // a document naming none (a proxy's error page as JSON, say) is no issuer's word on its name
            throw named.isEmpty() ? new KeySourceException(message) : new IssuerMisnamed(message);
        }
        return jwksUriNamed(document.path("jwks_uri").asString(""), discovery);
    }

    /**
     * A discovery document naming another issuer than the one configured: a setting to correct, not an outage to wait
     * out, since every token's {@code iss} is that other name.
     */
    static final class IssuerMisnamed extends KeySourceException {
        IssuerMisnamed(String message) {
            super(message);
        }
    }

    /** The URL without one terminating '/'. */
    static String withoutFinalSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** The document's {@code jwks_uri}: an absolute http(s) URL, as OIDC Discovery §3 requires. */
    static URI jwksUriNamed(String value, URI discovery) throws KeySourceException {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme();
            if (uri.isAbsolute() && uri.getHost() != null
                    && (scheme.equalsIgnoreCase("https") || scheme.equalsIgnoreCase("http"))) {
                if (scheme.equalsIgnoreCase("http") && discovery.getScheme().equalsIgnoreCase("https")) {
                    // keys in clear text would undo what the discovery's TLS proves: anyone on the path could put
                    // in a key of their own and sign any token
                    throw new KeySourceException("discovery " + discovery + " names a jwks_uri over plain HTTP ("
                            + uri + "): the keys must come over HTTPS as the discovery does");
                }
                return uri;
            }
        } catch (URISyntaxException e) {
            // said below
        }
        throw new KeySourceException("discovery " + discovery + " names no absolute http(s) jwks_uri but '"
                + Echoed.oneLine(value, 200) + "'");
    }

    /** The key set at {@code uri}, fetched now; a {@link KeySourceException} says why it cannot be fetched and read. */
    static JWKSet readKeySet(HttpClient http, URI uri) throws KeySourceException, InterruptedException {
        try {
            HttpResponse<byte[]> response = get(http, uri);
            if (response.statusCode() != 200) {
                throw new KeySourceException("the key set " + uri + " answered HTTP " + response.statusCode());
            }
            return usable(JWKSet.parse(new String(response.body(), StandardCharsets.UTF_8)), "the key set " + uri);
        } catch (ParseException e) {
            throw new KeySourceException("the key set " + uri + " is not a JWK set: " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            throw new KeySourceException("cannot read " + uri + ": " + why(e));
        }
    }

    /**
     * {@code set}, named {@code name} in the failure, when a token could be verified with one of its keys. An answer in
     * error (an empty set from a misconfigured deploy or a cache in front) is refused: cached, it would refuse every
     * token, where the set held now goes on verifying them until its time is up.
     */
    static JWKSet usable(JWKSet set, String name) throws KeySourceException {
        if (set.getKeys().stream().noneMatch(IssuerDocuments::signsRs256)) {
            throw new KeySourceException(name + " holds no RSA signing key");
        }
        return set;
    }

    /** Whether a token signed with RS256 could be verified with {@code key}. */
    private static boolean signsRs256(JWK key) {
        return key instanceof RSAKey && (key.getKeyUse() == null || key.getKeyUse() == KeyUse.SIGNATURE)
                && (key.getAlgorithm() == null || "RS256".equals(key.getAlgorithm().getName()));
    }

    /** An exception's message; a refused connection or a host that does not resolve has none of its own. */
    static String why(Exception e) {
        return (e instanceof IOException io ? BoundedExchange.connectFailure(io) : Optional.<String>empty())
                .or(() -> Optional.ofNullable(e.getMessage())).orElse("no answer");
    }
}
