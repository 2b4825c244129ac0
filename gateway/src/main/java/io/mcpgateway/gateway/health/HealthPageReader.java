package io.mcpgateway.gateway.health;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

import io.mcpgateway.gateway.http.BoundedExchange;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** Reads a backend's health page: whether it answered 200, and what a 200's page says of the backend. */
final class HealthPageReader {

    /** What a health page's status says of a server that is down though it answered 200, in any case. */
    private static final Set<String> UNWELL = Set.of("unhealthy", "down", "error", "fail", "failed");
    /** The most of a health page read: ours are a few hundred bytes, a data set's problems included. */
    private static final int MAX_HEALTH_BYTES = 256 * 1024;

    private final HttpClient http;
    private final JsonMapper mapper;
    private final Duration timeout;

    HealthPageReader(HttpClient http, JsonMapper mapper, Duration timeout) {
        this.http = Objects.requireNonNull(http, "http");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /**
     * What one reading of a health page found.
     *
     * @param error why the backend is not well; null when the page answered 200 and does not say it is down
     * @param reported {@link BackendState#DEGRADED} when a 200's page says so; null otherwise
     * @param notFound whether the page answered 404: a server that has none (most third-party MCP servers)
     */
    record Reading(String error, String reported, boolean notFound) {
    }

    Reading read(URI page) throws InterruptedException {
        try {
            // the page of a 200 only: any other status is unhealthy whatever it says, however large
            HttpResponse<byte[]> response = BoundedExchange.send(http, HttpRequest.newBuilder(page).timeout(timeout)
                    .GET().build(), BoundedExchange.bytesOf200UpTo(MAX_HEALTH_BYTES), timeout);
            if (response.statusCode() != 200) {
                return new Reading("HTTP " + response.statusCode(), null, response.statusCode() == 404);
            }
            String says = statusOnPage(response.body());
            if (UNWELL.contains(says)) { // a 200 that says otherwise: believed
                return new Reading("its health page says " + says, null, false);
            }
            return new Reading(null, says.equals(BackendState.DEGRADED) ? BackendState.DEGRADED : null, false);
        } catch (BoundedExchange.AnswerTooLargeException e) {
            return new Reading(null, null, false); // a 200 with a large page: serving, and saying nothing read here
        } catch (HttpTimeoutException e) {
            return new Reading("no answer within " + timeout.toMillis() + " ms", null, false);
        } catch (IOException e) {
            return new Reading(BoundedExchange.connectFailure(e).orElse(e.getClass().getSimpleName()), null, false);
        }
    }

    /**
     * The {@code status} a health page that is a JSON object gives, in lower case ({@code "degraded"}: our MCP
     * servers' while a data file could not be read whole); empty for any other page, which a 200 makes health enough.
     */
    private String statusOnPage(byte[] body) {
        try {
            return mapper.readTree(body).path("status").asString("").strip().toLowerCase(Locale.ROOT);
        } catch (JacksonException e) {
            return "";
        }
    }
}
