package io.mcpgateway.gateway.auth;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.jwk.RSAKey;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.mcpgateway.testsupport.TokenForge;

/**
 * An OIDC issuer for token tests whose keys the test controls: discovery and a JWKS that can gain keys (rotation),
 * counting how often the JWKS is fetched.
 */
final class TestIssuer implements AutoCloseable {

    private final HttpServer server;
    private final List<RSAKey> keys = new CopyOnWriteArrayList<>();
    private final AtomicInteger jwksFetches = new AtomicInteger();
    private final boolean trailingSlash;
    private volatile String jwksUriInDiscovery;
    private volatile boolean keySetFails;

    TestIssuer(RSAKey first) throws IOException {
        this(first, false);
    }

    /** @param trailingSlash whether its identifier ends with '/', as Auth0's and Entra ID v1's do */
    TestIssuer(RSAKey first, boolean trailingSlash) throws IOException {
        this.trailingSlash = trailingSlash;
        keys.add(first);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/.well-known/openid-configuration", exchange -> respond(exchange,
                "{\"issuer\":\"" + issuer() + "\",\"jwks_uri\":\""
                        + (jwksUriInDiscovery != null ? jwksUriInDiscovery : base() + "/jwks") + "\"}"));
        server.createContext("/jwks", exchange -> {
            jwksFetches.incrementAndGet();
            if (keySetFails) {
                exchange.sendResponseHeaders(503, -1);
                exchange.close();
                return;
            }
            respond(exchange, TokenForge.publicJwkSetJson(keys.toArray(RSAKey[]::new)));
        });
        server.start();
    }

    String issuer() {
        return base() + (trailingSlash ? "/" : "");
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Names another key set URL in the discovery document (a broken provider's, say). */
    void nameInDiscovery(String jwksUri) {
        jwksUriInDiscovery = jwksUri;
    }

    /** Publishes another key, as a provider does when it rotates. */
    void publish(RSAKey key) {
        keys.add(key);
    }

    /** Withdraws a key from its key set, as a provider does after a rotation or a leak. */
    void withdraw(RSAKey key) {
        keys.removeIf(published -> published.getKeyID().equals(key.getKeyID()));
    }

    /** Answers its key set with 503 from now on (true), as a provider in an outage does, or normally again. */
    void failKeySet(boolean fails) {
        keySetFails = fails;
    }

    int jwksFetches() {
        return jwksFetches.get();
    }

    private static void respond(HttpExchange exchange, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
