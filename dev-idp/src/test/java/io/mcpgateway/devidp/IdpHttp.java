package io.mcpgateway.devidp;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** Sends hand-made HTTP requests to a running issuer, including the wrong ones a real client never sends. */
final class IdpHttp {

    static final String FORM = "application/x-www-form-urlencoded";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;

    IdpHttp(DevIdentityProvider idp) {
        this.base = URI.create(idp.issuer());
    }

    /** An HTTP Basic header value for these credentials, form-encoding neither part. */
    static String basic(String clientId, String secret) {
        return "Basic " + Base64.getEncoder()
                .encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    /** POSTs a form body to the token endpoint; {@code headers} (name, value...) add to or override the form type. */
    HttpResponse<String> token(String body, String... headers) {
        return send("POST", IssuerEndpoints.TOKEN_PATH, HttpRequest.BodyPublishers.ofString(body),
                with("Content-Type", FORM, headers));
    }

    /** POSTs a body without a length (chunked), so only reading it can tell its size. */
    HttpResponse<String> tokenChunked(byte[] body) {
        return send("POST", IssuerEndpoints.TOKEN_PATH,
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)),
                new String[] {"Content-Type", FORM});
    }

    HttpResponse<String> get(String path) {
        return send("GET", path, HttpRequest.BodyPublishers.noBody(), new String[0]);
    }

    HttpResponse<String> send(String method, String path, HttpRequest.BodyPublisher body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(20))
                .method(method, body);
        for (int i = 0; i < headers.length; i += 2) {
            request.setHeader(headers[i], headers[i + 1]);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String[] with(String name, String value, String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = name;
        all[1] = value;
        System.arraycopy(headers, 0, all, 2, headers.length);
        return all;
    }
}
