package io.mcpgateway.gateway.http;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;

import io.mcpgateway.gateway.GatewayFixture;

/**
 * Requests Jetty refuses before the gateway's handlers run still get the JSON error envelope and a request id, never
 * an HTML page, are in the access log and the request metrics as any request is, and the gateway keeps serving.
 */
@Timeout(120)
class MalformedRequestIntegrationTest {

    @AutoClose
    private static GatewayFixture system;

    @BeforeAll
    static void start() {
        system = new GatewayFixture();
    }

    /** Sends raw bytes (no HTTP client would send these) and reads the whole answer; the gateway closes after it. */
    private static String exchange(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", system.gateway.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String requestId(String answer) {
        return answer.lines().filter(l -> l.regionMatches(true, 0, "X-Request-ID:", 0, 13)).findFirst()
                .map(l -> l.substring(13).strip()).orElseThrow(() -> new AssertionError("no X-Request-ID: " + answer));
    }

    private static void assertEnvelope(String answer, int status, String code) {
        assertThat(answer).as(answer).startsWith("HTTP/1.1 " + status);
        assertThat(answer).containsIgnoringCase("Content-Type: application/json").doesNotContain("<html", "Exception");
        String id = requestId(answer);
        String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
        assertThatJson(body).inPath("success").isEqualTo(false);
        assertThatJson(body).inPath("error.code").isEqualTo(code);
        assertThatJson(body).inPath("error.request_id").isEqualTo(id);
        assertThatJson(body).inPath("error").isObject().containsKeys("type", "message", "details", "timestamp");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "bad percent-encoding|GET /%zz HTTP/1.1",
            "control character in the path|GET /he\u0001alth HTTP/1.1"})
    void aMalformedRequestIsA400Envelope(String what, String line) throws IOException {
        String answer = exchange(line + "\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");

        assertEnvelope(answer, 400, "BAD_REQUEST");
        assertThatJson(answer.substring(answer.indexOf("\r\n\r\n") + 4)).inPath("error.message").asString()
                .as("not Jetty's reason phrase repeated").doesNotEndWith(": Bad Request");
        assertThat(system.get("/health/live").statusCode()).as("still serving").isEqualTo(200);
    }

    @Test
    void jettysReasonIsGivenWhenItSaysMoreThanItsStatus() throws IOException {
        String answer = exchange("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nHost: 127.0.0.2\r\n"
                + "Connection: close\r\n\r\n");

        assertEnvelope(answer, 400, "BAD_REQUEST");
        assertThatJson(answer.substring(answer.indexOf("\r\n\r\n") + 4)).inPath("error.message")
                .isEqualTo("The request is malformed: Duplicate Host Header");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "an absolute target naming another host|GET http://elsewhere.example/health HTTP/1.1|400|BAD_REQUEST",
            "a target no route can take|OPTIONS * HTTP/1.1|404|NOT_FOUND"})
    void aRefusalAfterTheHeadersEchoesTheCallersRequestId(String what, String line, int status, String code)
            throws IOException {
        // Jetty refuses these once it has read the headers: the caller's id still ties the answer to its logs (one
        // refused at its request line is answered before any header is read, under a fresh id)
        String answer = exchange(line + "\r\nHost: 127.0.0.1\r\nX-Request-ID: client-id-42\r\n\r\n");
        String invalid = exchange(line + "\r\nHost: 127.0.0.1\r\nX-Request-ID: not valid\r\n\r\n");

        assertEnvelope(answer, status, code);
        assertThat(requestId(answer)).isEqualTo("client-id-42");
        assertEnvelope(invalid, status, code);
        assertThat(requestId(invalid)).as("an id unfit to echo is replaced").isNotEqualTo("not valid").isNotBlank();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "two different lengths|Content-Length: 5~Content-Length: 7",
            "a length and chunked|Content-Length: 7~Transfer-Encoding: chunked"})
    void ambiguousBodyFramingIsRefused(String what, String framing) throws IOException {
        // a proxy in front and the gateway could read such a body differently (request smuggling); ~ ends a line
        String answer = exchange("POST /api/v1/restaurants/search/district HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/json\r\n" + framing.replace("~", "\r\n")
                + "\r\nConnection: close\r\n\r\n{\"a\":1}");

        assertEnvelope(answer, 400, "BAD_REQUEST");
    }

    @Test
    void headersOverTheLimitAreA431Envelope() throws IOException {
        String answer = exchange("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + "a".repeat(20_000)
                + "\r\nConnection: close\r\n\r\n");

        assertEnvelope(answer, 431, "REQUEST_HEADERS_TOO_LARGE");
    }

    @Test
    void aRefusalSaysTheConnectionClosesAndAHeadGetsNoContent() throws IOException {
        // a client that would pipeline behind a refused request learns that the gateway closes (it always does)
        String refused = exchange("GET /%zz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        String head = exchange("HEAD /health HTTP/1.1\r\nHost: 127.0.0.1:1:99999\r\n\r\n");

        assertThat(refused).startsWith("HTTP/1.1 400").containsIgnoringCase("\r\nConnection: close\r\n");
        assertThat(head).startsWith("HTTP/1.1 400").containsIgnoringCase("\r\nConnection: close\r\n")
                .endsWith("\r\n\r\n");
        // the envelope's timestamp has as many decimals as its instant needs (".861Z" for ".861000"): a pair of
        // answers whose instants differ so is asked again, which once in a thousand pairs it takes
        int headLength = 0;
        int getLength = -1;
        for (int pair = 0; pair < 3 && headLength != getLength; pair++) {
            String again = exchange("HEAD /health HTTP/1.1\r\nHost: 127.0.0.1:1:99999\r\n\r\n");
            headLength = Integer.parseInt(again.lines().filter(l -> l.regionMatches(true, 0, "Content-Length:", 0,
                    15)).findFirst().orElseThrow().substring(15).strip());
            String get = exchange("GET /health HTTP/1.1\r\nHost: 127.0.0.1:1:99999\r\n\r\n");
            getLength = get.length() - get.indexOf("\r\n\r\n") - 4;
        }
        assertThat(headLength).as("the GET's length").isEqualTo(getLength);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {"HTTP/3.7|GET /health HTTP/3.7", "HTTP/0.9 (no version)|GET /health",
        "HTTP/2.0 (Jetty's 426, though it offers no upgrade)|GET /health HTTP/2.0",
        "HTTP/2's preface|PRI * HTTP/2.0\r\n\r\nSM"})
    void anUnsupportedHttpVersionIsA505Envelope(String what, String line) throws IOException {
        String answer = exchange(line + "\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");

        assertEnvelope(answer, 505, "HTTP_VERSION_NOT_SUPPORTED");
        assertThatJson(answer.substring(answer.indexOf("\r\n\r\n") + 4)).inPath("error.type")
                .isEqualTo("ValidationError");
    }

    @Test
    void aTargetNoRouteCanTakeIsA404NotFoundError() throws IOException {
        String answer = exchange("OPTIONS * HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");

        assertEnvelope(answer, 404, "NOT_FOUND");
        assertThatJson(answer.substring(answer.indexOf("\r\n\r\n") + 4)).inPath("error.type")
                .isEqualTo("NotFoundError");
    }

    @Nested
    class Recorded {

        @AutoClose
        private final AccessLines access = new AccessLines();

        /** The access line written under the request id the answer carries: there must be exactly one. */
        private ILoggingEvent lineOf(String answer) {
            String id = requestId(answer);
            List<ILoggingEvent> lines = access.events().stream()
                    .filter(e -> id.equals(e.getMDCPropertyMap().get("request_id"))).toList();
            assertThat(lines).as("access lines of request %s", id).hasSize(1);
            return lines.getFirst();
        }

        /** The count of {@code gateway_requests_seconds_count} series with these labels, 0 before the first. */
        private static double counted(String labels) {
            String series = "gateway_requests_seconds_count{" + labels + "} ";
            return system.get("/metrics/prometheus").body().lines().filter(l -> l.startsWith(series))
                    .mapToDouble(l -> Double.parseDouble(l.substring(series.length()))).sum();
        }

        @Test
        void headersOverTheLimitAreAnAccessLineUnderTheAnswersRequestId() throws IOException {
            String answer = exchange("GET /api/v1/restaurants/search/district HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Authorization: Bearer " + "A".repeat(20_000) + "\r\nConnection: close\r\n\r\n");

            assertThat(answer).startsWith("HTTP/1.1 431");
            ILoggingEvent line = lineOf(answer);
            assertThat(line.getLevel()).isEqualTo(Level.INFO);
            assertThat(line.getFormattedMessage())
                    .matches("GET /api/v1/restaurants/search/district 431 REQUEST_HEADERS_TOO_LARGE [0-9.]+ms");
            assertThat(line.getMDCPropertyMap()).containsEntry("route", "unmatched").containsEntry("status", "431")
                    .containsEntry("error_type", "ValidationError")
                    .containsEntry("error_code", "REQUEST_HEADERS_TOO_LARGE").containsEntry("client_ip", "127.0.0.1")
                    .containsKey("duration_ms").doesNotContainKey("caller");
        }

        static Stream<Arguments> refusals() {
            return Stream.of(
                    Arguments.of("bad percent-encoding", "GET /api/v1/restaurants/%ZZ HTTP/1.1", "- - 400 BAD_REQUEST"),
                    Arguments.of("URI over the limit", "GET /" + "a".repeat(20_000) + " HTTP/1.1",
                            "- - 414 URI_TOO_LONG"),
                    Arguments.of("no request line", "GARBAGE", "- - 400 BAD_REQUEST"),
                    Arguments.of("HTTP/3.7", "GET /health HTTP/3.7", "- - 505 HTTP_VERSION_NOT_SUPPORTED"),
                    Arguments.of("a malformed Host", "GET /health HTTP/1.1\r\nHost: 127.0.0.1:1:99999",
                            "GET /health 400 BAD_REQUEST"),
                    Arguments.of("a path with what no path may hold", "GET /h\u00e9alth HTTP/1.1",
                            "GET /h%EF%BF%BDalth 400 BAD_REQUEST"),
                    Arguments.of("a target no route can take", "OPTIONS * HTTP/1.1", "OPTIONS * 404 NOT_FOUND"));
        }

        /** What Jetty could read of the request line is written, else "-" for the method and the path. */
        @ParameterizedTest(name = "{0}")
        @MethodSource("refusals")
        void aRefusalIsOneAccessLine(String what, String head, String expected) throws IOException {
            String answer = exchange(head + "\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");

            ILoggingEvent line = lineOf(answer);
            assertThat(line.getFormattedMessage()).startsWith(expected + " ").endsWith("ms");
            assertThat(line.getMDCPropertyMap()).containsEntry("route", "unmatched");
        }

        @Test
        void refusalsAreCountedUnderOneRouteWhateverTheirPaths() throws IOException {
            String tooLarge = "method=\"GET\",outcome=\"client_error\",route=\"unmatched\",status=\"431\"";
            String unread = "method=\"OTHER\",outcome=\"client_error\",route=\"unmatched\",status=\"400\"";
            String version = "method=\"OTHER\",outcome=\"client_error\",route=\"unmatched\",status=\"505\"";
            double tooLargeBefore = counted(tooLarge);
            double unreadBefore = counted(unread);
            double versionBefore = counted(version);

            for (int i = 0; i < 5; i++) {
                assertThat(exchange("GET /bogus-" + i + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: "
                        + "a".repeat(20_000) + "\r\nConnection: close\r\n\r\n")).startsWith("HTTP/1.1 431");
            }
            exchange("GET /bogus-%ZZ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
            exchange("GET /bogus-version HTTP/3.7\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");

            assertThat(counted(tooLarge) - tooLargeBefore).isEqualTo(5);
            assertThat(counted(unread) - unreadBefore).as("a request line Jetty could not read").isEqualTo(1);
            assertThat(counted(version) - versionBefore).as("the client's error, though a 5xx").isEqualTo(1);
            assertThat(system.get("/metrics/prometheus").body()).doesNotContain("bogus-")
                    .doesNotContain("outcome=\"server_error\",route=\"unmatched\"");
        }
    }
}
