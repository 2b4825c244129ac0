package io.mcpgateway.devidp;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.nimbusds.jose.jwk.RSAKey;

import io.javalin.Javalin;
import io.javalin.json.JavalinJackson3;
import io.mcpgateway.json.Json;
import tools.jackson.databind.json.JsonMapper;

/**
 * A running development OIDC issuer, for {@code all} and tests only: discovery at
 * {@code /.well-known/openid-configuration}, its keys at {@code /.well-known/jwks.json} and an OAuth 2.0 token endpoint
 * {@code POST /oauth2/token} for the client credentials grant, issuing access tokens shaped like Amazon Cognito's.
 * Production points the gateway at Cognito or any other OIDC provider instead.
 */
public final class DevIdentityProvider implements AutoCloseable {

    /** Token requests are a few hundred bytes; anything much larger is not one. */
    public static final int MAX_REQUEST_BYTES = 16 * 1024;
    public static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(DevIdentityProvider.class);

    private final Javalin app;
    private final IssuerEndpoints endpoints;
    private final SigningKeys keys;
    private final AccessTokenIssuer tokens;

    private DevIdentityProvider(Javalin app, IssuerEndpoints endpoints, SigningKeys keys, AccessTokenIssuer tokens) {
        this.app = app;
        this.endpoints = endpoints;
        this.keys = keys;
        this.tokens = tokens;
    }

    /** Starts an issuer with a new signing key and its own JSON mapper. */
    public static DevIdentityProvider start(DevIdpConfig config, Clock clock) {
        return start(config, clock, Json.newMapper());
    }

    /** Starts an issuer with a new signing key, sharing the application's JSON mapper. */
    public static DevIdentityProvider start(DevIdpConfig config, Clock clock, JsonMapper mapper) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(mapper, "mapper");
        SigningKeys keys = new SigningKeys();
        AccessTokenIssuer tokens = new AccessTokenIssuer(keys, clock);
        DiscoveryRoutes discovery = new DiscoveryRoutes(config.host(), config.allowedScopes(), keys);
        TokenRoutes token = new TokenRoutes(config.host(), new ClientAuthenticator(config.clients()),
                new ScopePolicy(config.allowedScopes(), config.defaultScopes()), tokens, config.tokenLifetime(), MAX_REQUEST_BYTES);
        ErrorResponses errors = new ErrorResponses(MAX_REQUEST_BYTES);
        Javalin app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.concurrency.useVirtualThreads = true;
            cfg.jsonMapper(new JavalinJackson3(mapper, true));
            cfg.http.maxRequestSize = MAX_REQUEST_BYTES;
            cfg.http.prefer405over404 = true;
            cfg.jetty.modifyServer(server -> server.setStopTimeout(SHUTDOWN_TIMEOUT.toMillis()));
            discovery.register(cfg.routes);
            token.register(cfg.routes);
            errors.register(cfg.routes);
        });
        app.start(config.host(), config.port());
        IssuerEndpoints endpoints = IssuerEndpoints.of(config.host(), app.port());
        log.info("Development OIDC issuer {} listening (clients {}, token endpoint {})", endpoints.issuer(),
                config.clients().keySet(), endpoints.tokenEndpoint());
        return new DevIdentityProvider(app, endpoints, keys, tokens);
    }

    /** The issuer identifier, {@code http://host:port}: the {@code iss} of every token. */
    public String issuer() {
        return endpoints.issuer();
    }

    /** The port actually listened on (useful with port 0). */
    public int port() {
        return app.port();
    }

    public String tokenEndpoint() {
        return endpoints.tokenEndpoint();
    }

    public String jwksUri() {
        return endpoints.jwksUri();
    }

    /**
     * Issues an access token directly, as the token endpoint would for this client and these scopes. The client need
     * not be configured, so tests can make tokens for clients a gateway does not accept.
     *
     * @param scopes scope tokens (RFC 6749 §3.3); none leaves the {@code scope} claim out
     * @param lifetime between 1 second and {@link DevIdpConfig#MAX_TOKEN_LIFETIME}
     */
    public String issueAccessToken(String clientId, List<String> scopes, Duration lifetime) {
        return tokens.issue(endpoints.issuer(), clientId, scopes, lifetime);
    }

    /**
     * Starts signing with a new key. The old keys stay in the JWKS, so tokens already issued still verify; a verifier
     * that caches the JWKS sees the new {@code kid} and fetches it again.
     *
     * @return the new key's {@code kid}
     */
    public String rotateKey() {
        String kid = keys.rotate().getKeyID();
        log.info("Development OIDC issuer {} now signs with key {}", endpoints.issuer(), kid);
        return kid;
    }

    /** The {@code kid} new tokens are signed with. */
    public String signingKeyId() {
        return keys.current().getKeyID();
    }

    /**
     * The current signing key, private parts included: for test fixtures that forge tokens this issuer's JWKS
     * vouches for (expired, wrong audience...). Never hand it to anything but a test.
     */
    public RSAKey signingKey() {
        return keys.current();
    }

    /** Stops accepting requests and lets in-flight ones finish (up to {@link #SHUTDOWN_TIMEOUT}). */
    @Override
    public void close() {
        log.info("Development OIDC issuer {} stopping", endpoints.issuer());
        app.stop();
    }
}
