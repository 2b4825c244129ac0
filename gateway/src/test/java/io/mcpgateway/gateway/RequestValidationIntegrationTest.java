package io.mcpgateway.gateway;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every kind of bad request body gets its status and a clear envelope, and the gateway keeps serving. */
@Timeout(120)
class RequestValidationIntegrationTest {

    private static final String DISTRICT = "/api/v1/restaurants/search/district";
    private static final String RESTAURANT = "{\"id\":\"r1\",\"name\":\"A\",\"sentiment\":{\"likes\":1,\"dislikes\":0,\"neutral\":0}}";
    @AutoClose
    private static GatewayFixture system;

    @BeforeAll
    static void start() {
        system = new GatewayFixture();
    }


    private static void assertEnvelope(HttpResponse<String> response, int status, String type) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThatJson(response.body()).inPath("success").isEqualTo(false);
        assertThatJson(response.body()).inPath("error").isObject()
                .containsEntry("type", type)
                .containsKeys("code", "message", "details", "request_id", "timestamp");
        assertThatJson(response.body()).inPath("error.request_id")
                .isEqualTo(response.headers().firstValue("X-Request-ID").orElseThrow());
        assertThat(response.body()).doesNotContain("Exception", "\tat ");
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "/api/v1/restaurants/search/district|{\"districts\": []}|SCHEMA_VIOLATION",
            "/api/v1/restaurants/search/district|{}|SCHEMA_VIOLATION",
            "/api/v1/restaurants/search/district|{\"districts\": \"Central\"}|SCHEMA_VIOLATION",
            "/api/v1/restaurants/search/district|{\"districts\": [1, 2]}|SCHEMA_VIOLATION",
            "/api/v1/restaurants/search/district|{\"districts\": [\"  \"]}|TOOL_VALIDATION_ERROR",
            "/api/v1/restaurants/search/district|{\"districts\": [\"Atlantis\"]}|TOOL_VALIDATION_ERROR",
            "/api/v1/restaurants/search/meal-type|{\"meal_types\": [\"brunch\"]}|TOOL_VALIDATION_ERROR",
            "/api/v1/restaurants/search/meal-type|{\"meal_types\": [\"lunch\", \"lunch\", \"lunch\", \"lunch\"]}|SCHEMA_VIOLATION",
            "/api/v1/restaurants/search/combined|{}|TOOL_VALIDATION_ERROR",
            "/api/v1/restaurants/search/combined|{\"districts\": null, \"meal_types\": null}|TOOL_VALIDATION_ERROR",
            "/api/v1/restaurants/search/district|{\"districts\": null}|SCHEMA_VIOLATION",
            "/api/v1/restaurants/search/combined|{\"districts\": [], \"meal_types\": [\"lunch\"]}|SCHEMA_VIOLATION",
            "/api/v1/restaurants/recommend|{\"restaurants\": []}|SCHEMA_VIOLATION",
            "/api/v1/restaurants/recommend|{\"restaurants\": [" + "{\"id\":\"a\",\"name\":\"A\"}" + "]}|SCHEMA_VIOLATION",
            "/api/v1/restaurants/recommend|{\"restaurants\": [{\"id\":\"a\",\"name\":\"A\",\"sentiment\":{\"likes\":-1,\"dislikes\":0,\"neutral\":0}}]}|SCHEMA_VIOLATION",
            "/api/v1/restaurants/recommend|{\"restaurants\": [{\"id\":\"a\",\"name\":\"A\",\"sentiment\":{\"likes\":2147483648,\"dislikes\":0,\"neutral\":0}}]}|SCHEMA_VIOLATION",
            "/api/v1/restaurants/recommend|{\"restaurants\": [{\"id\":\"a\",\"name\":\"A\",\"sentiment\":{\"likes\":1,\"dislikes\":0,\"neutral\":0}}], \"ranking_method\": \"best\"}|SCHEMA_VIOLATION",
            "/api/v1/restaurants/analyze|{\"restaurants\": [{\"id\":\"a\",\"name\":\"A\",\"sentiment\":{\"likes\":1,\"dislikes\":0,\"neutral\":0}}, {\"id\":\"a\",\"name\":\"B\",\"sentiment\":{\"likes\":1,\"dislikes\":0,\"neutral\":0}}]}|TOOL_VALIDATION_ERROR",
            "/api/v1/restaurants/analyze|{\"restaurants\": [{\"id\":\"a\",\"name\":\"A\",\"sentiment\":{\"likes\":0,\"dislikes\":0,\"neutral\":0}}]}|TOOL_VALIDATION_ERROR"})
    void badBodyIsA400ValidationError(String path, String body, String code) {
        HttpResponse<String> response = system.postWithToken(path, body);

        assertEnvelope(response, 400, "ValidationError");
        assertThatJson(response.body()).inPath("error.code").isEqualTo(code);
    }

    @Test
    void aSchemaViolationSaysWhereAndWhatInTheMessageAndAsAList() {
        HttpResponse<String> response = system.postWithToken(DISTRICT, "{\"districts\": [\"Central\", 5]}");

        assertEnvelope(response, 400, "ValidationError");
        assertThatJson(response.body()).inPath("error.message").isEqualTo("The request body does not match the input"
                + " schema of search_restaurants_by_district: /districts/1: integer found, string expected");
        assertThatJson(response.body()).inPath("error.details.schema_errors").isEqualTo(
                "[{\"path\": \"/districts/1\", \"message\": \"integer found, string expected\"}]");
        assertThatJson(response.body()).inPath("error.details.schema_errors_truncated").isEqualTo(false);
    }

    @Test
    void combinedSearchWithNeitherListSaysOneIsNeeded() {
        HttpResponse<String> response = system.postWithToken("/api/v1/restaurants/search/combined", "{}");

        assertThatJson(response.body()).inPath("error.message")
                .isEqualTo("At least one of 'districts' or 'meal_types' parameters must be provided");
    }

    @Test
    void fieldsTheToolDoesNotDeclareAreIgnoredAsTheOriginalDid() {
        HttpResponse<String> search = system.postWithToken(DISTRICT,
                "{\"districts\": [\"Central\"], \"colour\": \"red\", \"limit_to\": {\"deep\": [1]}}");
        HttpResponse<String> analysis = system.postWithToken("/api/v1/restaurants/analyze",
                "{\"restaurants\": [" + RESTAURANT + "], \"ranking_method\": \"sentiment_likes\"}");

        assertThat(search.statusCode()).as(search.body()).isEqualTo(200);
        assertThatJson(search.body()).inPath("data.total_count").isEqualTo(63);
        assertThat(analysis.statusCode()).as(analysis.body()).isEqualTo(200);
        assertThatJson(analysis.body()).inPath("data.sentiment_analysis").isObject();
    }

    @ParameterizedTest(name = "{1} on {0}")
    @CsvSource(delimiter = '|', value = {
            "combined|{\"district\": [\"Central\"], \"meal_types\": [\"dinner\"]}|district|districts",
            "combined|{\"districts\": [\"Central\"], \"meal_type\": [\"dinner\"]}|meal_type|meal_types",
            "district|{\"districts\": [\"Central\"], \"limt\": 5}|limt|limit",
            "district|{\"districts\": [\"Central\"], \"Offset\": 5}|Offset|offset"})
    void aFieldASlipFromOneTheToolTakesIsRefusedNotIgnored(String search, String body, String typed, String meant) {
        HttpResponse<String> response = system.postWithToken("/api/v1/restaurants/search/" + search, body);

        assertEnvelope(response, 400, "ValidationError");
        assertThatJson(response.body()).inPath("error.code").isEqualTo("SCHEMA_VIOLATION");
        assertThatJson(response.body()).inPath("error.details.schema_errors[0].message").asString()
                .startsWith("unknown field '" + typed + "': did you mean '" + meant + "'?");
    }

    @Test
    void aFieldASlipFromOneTheBodyGivesTooIsIgnored() {
        HttpResponse<String> response = system.postWithToken(DISTRICT,
                "{\"districts\": [\"Central\"], \"district\": \"Admiralty\"}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThatJson(response.body()).inPath("data.total_count").isEqualTo(63);
    }

    @Test
    void anOptionalListSentAsNullIsNotGiven() {
        HttpResponse<String> response = system.postWithToken("/api/v1/restaurants/search/combined",
                "{\"districts\": null, \"meal_types\": [\"dinner\"]}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThatJson(response.body()).inPath("data.metadata.search_criteria.meal_types").isEqualTo("[\"dinner\"]");
    }

    @Test
    void optionalSettingsSentAsNullMeanTheirDefaults() {
        HttpResponse<String> search = system.postWithToken(DISTRICT,
                "{\"districts\": [\"Admiralty\"], \"limit\": null, \"offset\": null}");
        HttpResponse<String> recommend = system.postWithToken("/api/v1/restaurants/recommend", "{\"restaurants\": ["
                + RESTAURANT + "], \"candidate_count\": null, \"selection\": null, \"seed\": null}");

        assertThat(search.statusCode()).as(search.body()).isEqualTo(200);
        assertThat(recommend.statusCode()).as(recommend.body()).isEqualTo(200);
        assertThatJson(recommend.body()).inPath("data.ranking_method").isEqualTo("sentiment_likes");
        assertThatJson(recommend.body()).inPath("data.selection.mode").isEqualTo("top");
    }

    @Test
    void tooManyDistrictsAreRefused() {
        String many = "\"Central\",".repeat(20) + "\"Central\"";

        assertEnvelope(system.postWithToken(DISTRICT, "{\"districts\": [" + many + "]}"), 400, "ValidationError");
    }

    @Test
    void duplicateDistrictsAreSearchedOnce() {
        HttpResponse<String> response = system.postWithToken(DISTRICT, "{\"districts\": [\"Central\", \"central district\"]}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThatJson(response.body()).inPath("data.total_count").isEqualTo(63);
    }

    @Test
    void malformedJsonIsA400NamingWhere() {
        HttpResponse<String> response = system.postWithToken(DISTRICT, "{\"districts\": [\"Central\"");

        assertEnvelope(response, 400, "ValidationError");
        assertThatJson(response.body()).inPath("error.code").isEqualTo("MALFORMED_JSON");
        assertThatJson(response.body()).inPath("error.details.line").isEqualTo(1);
        assertThat(response.body()).contains("Unexpected end-of-input").doesNotContain("Source", "REDACTED", "offset");
    }

    @Test
    void tooDeeplyNestedBodyIsA400WithoutTheParsersInternals() {
        String deep = "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000);

        HttpResponse<String> response = system.postWithToken(DISTRICT, deep);

        assertEnvelope(response, 400, "ValidationError");
        assertThatJson(response.body()).inPath("error.message").asString().contains("nesting depth")
                .doesNotContain("StreamReadConstraints", "getMaxNestingDepth");
        assertThatJson(response.body()).inPath("error.details").as("no line 0, column 0").isObject().isEmpty();
    }

    /** An analyze body whose restaurant has a member of {@code depth} nested arrays: 3 + depth levels. */
    private static String analyzeWithArrays(int depth) {
        return "{\"restaurants\":[" + RESTAURANT.replace("}}", "},\"x\":" + "[".repeat(depth) + "]".repeat(depth)
                + "}") + "]}";
    }

    @Test
    void aBodyThatWouldNestTooDeeplyInTheBackendsMessageIsRefusedHereNotBlamedOnTheBackend() {
        // {"restaurants":[{...,"x":[[...]]}]}: 3 levels and the brackets; the backend reads it 2 levels further down
        String fits = analyzeWithArrays(59);
        String deeper = analyzeWithArrays(60);

        assertThat(system.postWithToken("/api/v1/restaurants/analyze", fits).statusCode()).isEqualTo(200);
        for (int i = 0; i < 12; i++) { // more than any breaker's window: none of them counts against the backend
            HttpResponse<String> response = system.postWithToken("/api/v1/restaurants/analyze", deeper);

            assertEnvelope(response, 400, "ValidationError");
            assertThatJson(response.body()).inPath("error.code").isEqualTo("MALFORMED_JSON");
            assertThatJson(response.body()).inPath("error.message").asString()
                    .startsWith("Request body nests deeper than 62 levels");
        }
        assertThat(system.postWithToken("/api/v1/restaurants/analyze", fits).statusCode()).isEqualTo(200);
    }

    @Test
    void aHugeWholeNumberWithAnExponentMeetsTheSchemasLimitWithoutTheValidatorsInternals() {
        HttpResponse<String> response = system.postWithToken(DISTRICT, "{\"districts\": [\"Central\"], \"limit\": 1e19}");

        assertEnvelope(response, 400, "ValidationError");
        assertThatJson(response.body()).inPath("error.code").isEqualTo("SCHEMA_VIOLATION");
        assertThatJson(response.body()).inPath("error.message").asString().contains("maximum")
                .doesNotContain("DoubleNode", "asLong", "Error parsing");
    }

    @Test
    void aRawNulByteIsRefusedSayingSo() {
        HttpResponse<String> response = system.postWithToken(DISTRICT, "{\"districts\": [\"Cen\u0000tral\"]}");

        assertEnvelope(response, 400, "ValidationError");
        assertThatJson(response.body()).inPath("error.message").asString().contains("without raw NUL bytes");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"districts\": [\"\\ud800\"]}|the string at /districts/0 has an unpaired UTF-16 surrogate",
            "{\"districts\": [\"Central\"], \"limit\": 1e999}|the number at /limit is out of range"})
    void valuesJsonCannotCarryAreA400AndNeverReachTheBackend(String body, String reason) {
        for (int i = 0; i < 12; i++) { // more than it takes to open a breaker, had the backend been called
            HttpResponse<String> response = system.postWithToken(DISTRICT, body);

            assertEnvelope(response, 400, "ValidationError");
            assertThatJson(response.body()).inPath("error.code").isEqualTo("MALFORMED_JSON");
            assertThatJson(response.body()).inPath("error.message").asString().endsWith(reason);
        }
        assertThat(system.postWithToken(DISTRICT, "{\"districts\": [\"Admiralty\"]}").statusCode()).isEqualTo(200);
    }

    @Test
    void bodyThatIsNotStrictUtf8IsRefused() {
        byte[] overlong = "{\"districts\": [\"..XX\"]}".getBytes(StandardCharsets.US_ASCII);
        overlong[16] = (byte) 0xC0; // C0 AF: an overlong "/", which a lenient decoder reads as one
        overlong[17] = (byte) 0xAF;

        HttpResponse<String> response = system.send(HttpRequest.newBuilder(system.url(DISTRICT))
                .header("Authorization", "Bearer " + system.token())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(overlong)));

        assertEnvelope(response, 400, "ValidationError");
        assertThatJson(response.body()).inPath("error.message").asString().isEqualTo("Request body is not UTF-8 JSON"
                + " text: it must be valid UTF-8 without raw NUL bytes (JSON writes one as \\u0000)");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"districts\": [\"Central\"]} {\"a\": 1}|Request body has more after its JSON value",
            "{\"districts\": [\"Central\"], \"limit\": NaN}|Request body is not valid JSON: Non-standard token 'NaN'",
            "{\"districts\": [\"Central\"]} x|Request body has more after its JSON value",
            "{\"districts\": [\"Central\"]}}|Request body has more after its JSON value",
            "{/*c*/\"districts\": [\"Central\"]}|Request body is not valid JSON: Unexpected character ('/'):"
                    + " maybe a (non-standard) comment?",
            "{districts: [\"Central\"]}|Request body is not valid JSON: Unexpected character ('d'): was expecting"
                    + " double-quote to start property name"})
    void parserMessagesLeaveOutTheParsersSettings(String body, String message) {
        HttpResponse<String> response = system.postWithToken(DISTRICT, body);

        assertEnvelope(response, 400, "ValidationError");
        assertThatJson(response.body()).inPath("error.message").isEqualTo(message);
        assertThat(response.body()).doesNotContain("`", "Feature", "java.", "(code ");
    }

    @Test
    void aMemberNamedTwiceIsRefused() {
        HttpResponse<String> response = system.postWithToken(DISTRICT,
                "{\"districts\": [\"Central\"], \"districts\": [\"Atlantis\"]}");

        assertEnvelope(response, 400, "ValidationError");
        assertThatJson(response.body()).inPath("error.message").asString()
                .isEqualTo("Request body is not valid JSON: Duplicate Object property \"districts\"");
    }

    @Test
    void aBodyWithAContentCodingIsA415() {
        HttpResponse<String> response = system.post(DISTRICT, "{\"districts\": [\"Central\"]}",
                "Authorization", "Bearer " + system.token(), "Content-Encoding", "gzip");

        assertEnvelope(response, 415, "UnsupportedMediaTypeError");
        assertThatJson(response.body()).inPath("error.details.content_encoding").isEqualTo("gzip");
    }

    @Test
    void aTransferCodingOtherThanChunkedIsRefused() throws Exception {
        String request = "POST " + DISTRICT + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + system.token()
                + "\r\nContent-Type: application/json\r\nTransfer-Encoding: gzip, chunked\r\nConnection: close\r\n\r\n"
                + "1a\r\n{\"districts\": [\"Central\"]}\r\n0\r\n\r\n";

        assertThat(rawExchange(request)).startsWith("HTTP/1.1 415 ").contains("\"transfer_encoding\":\"gzip, chunked\"");
    }

    @Test
    void aCharsetLabelIsNoReasonToRefuseAUtf8Body() {
        for (String charset : new String[] {"ISO-8859-1", "bogus"}) {
            HttpResponse<String> response = system.send(HttpRequest.newBuilder(system.url(DISTRICT))
                    .header("Authorization", "Bearer " + system.token())
                    .header("Content-Type", "application/json; charset=" + charset)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"districts\": [\"Central\"]}")));

            assertThat(response.statusCode()).as(charset + ": " + response.body()).isEqualTo(200);
        }
    }

    @Test
    void bodiesInUtf16OrOfBlanksAreRefusedForWhatTheyAre() {
        HttpResponse<String> utf16 = system.send(HttpRequest.newBuilder(system.url(DISTRICT))
                .header("Authorization", "Bearer " + system.token())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(
                        "{\"districts\": [\"Central\"]}".getBytes(StandardCharsets.UTF_16LE))));
        HttpResponse<String> blanks = system.postWithToken(DISTRICT, " \n\t ");

        assertEnvelope(utf16, 400, "ValidationError");
        assertThatJson(utf16.body()).inPath("error.message").asString().contains("not UTF-8 JSON text");
        assertEnvelope(blanks, 400, "ValidationError");
        assertThatJson(blanks.body()).inPath("error.message").asString().startsWith("Request body is empty");
    }

    @Test
    void aBodyWithBrokenChunkedFramingIsA400NotAServerError() throws Exception {
        String request = "POST " + DISTRICT + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + system.token()
                + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                + "zz\r\n{\"districts\": [\"Central\"]}\r\n0\r\n\r\n";

        assertThat(rawExchange(request)).startsWith("HTTP/1.1 400 ").contains("\"code\":\"INCOMPLETE_BODY\"")
                .doesNotContain("Exception");
    }

    @Test
    void aDeclaredBodyOverTheLimitThatNeverComesGetsIts413WithoutWaitingForTheIdleTimeout() throws Exception {
        String request = "POST " + DISTRICT + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + system.token()
                + "\r\nContent-Type: application/json\r\nContent-Length: 3000000\r\n\r\n{\"districts\"";
        try (Socket socket = new Socket(system.url("/").getHost(), system.url("/").getPort())) {
            socket.setSoTimeout(10_000); // the server's idle timeout is 30 s
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            byte[] head = socket.getInputStream().readNBytes(12);

            assertThat(new String(head, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 413");
        }
    }

    /** The body was all there: its end is no reason to wait, nor to close a connection that can serve on. */
    @Test
    void aBodyOverTheLimitSentWholeLeavesTheConnectionOpenForTheNextRequest() throws Exception {
        byte[] body = ("{\"districts\": [\"" + "x".repeat(3_000_000) + "\"]}").getBytes(StandardCharsets.US_ASCII);
        String head = "POST " + DISTRICT + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + system.token()
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n";
        try (Socket socket = new Socket(system.url("/").getHost(), system.url("/").getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            InputStream in = socket.getInputStream();

            String refused = readAnswer(in);
            out.write("GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String next = readAnswer(in);

            assertThat(refused).startsWith("HTTP/1.1 413 ").doesNotContainIgnoringCase("Connection: close");
            assertThat(next).startsWith("HTTP/1.1 200 ");
        }
    }

    /** One answer with a Content-Length read from {@code in}: its head and body. */
    private static String readAnswer(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("closed after " + head);
            }
            head.write(b);
        }
        String text = head.toString(StandardCharsets.US_ASCII);
        int length = text.lines().filter(l -> l.regionMatches(true, 0, "Content-Length:", 0, 15))
                .mapToInt(l -> Integer.parseInt(l.substring(15).strip())).findFirst().orElse(0);
        return text + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    /** Sends {@code request} as it is on a connection of its own; the whole answer, read until the server closes. */
    private static String rawExchange(String request) throws Exception {
        try (Socket socket = new Socket(system.url("/").getHost(), system.url("/").getPort())) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void bodyThatIsNotAnObjectIsRefused() {
        assertEnvelope(system.postWithToken(DISTRICT, "[\"Central\"]"), 400, "ValidationError");
        assertEnvelope(system.postWithToken(DISTRICT, ""), 400, "ValidationError");
    }

    @Test
    void tenMegabyteBodyIsA413() {
        String huge = "{\"districts\": [\"" + "x".repeat(10 * 1024 * 1024) + "\"]}";

        HttpResponse<String> response = system.postWithToken(DISTRICT, huge);

        assertEnvelope(response, 413, "PayloadTooLarge");
    }

    @Test
    void bodyOfUnannouncedLengthIsReadAndCountedToTheLimit() {
        HttpResponse<String> small = system.send(chunked("{\"districts\": [\"Admiralty\"]}"));
        HttpResponse<String> huge = system.send(chunked("{\"districts\": [\"" + "x".repeat(10 * 1024 * 1024)
                + "\"]}"));

        assertThat(small.statusCode()).as(small.body()).isEqualTo(200);
        assertEnvelope(huge, 413, "PayloadTooLarge");
    }

    /** A request whose body is sent in chunks, with no Content-Length. */
    private static HttpRequest.Builder chunked(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return HttpRequest.newBuilder(system.url(DISTRICT))
                .header("Authorization", "Bearer " + system.token())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)));
    }

    @Test
    void wrongContentTypeIsA415() {
        HttpResponse<String> response = system.send(HttpRequest.newBuilder(system.url(DISTRICT))
                .header("Authorization", "Bearer " + system.token())
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{\"districts\": [\"Central\"]}")));

        assertEnvelope(response, 415, "UnsupportedMediaTypeError");
    }

    @Test
    void aBodyWithoutAContentTypeIsReadAsJsonAsTheOriginalDid() {
        HttpResponse<String> response = system.send(HttpRequest.newBuilder(system.url(DISTRICT))
                .header("Authorization", "Bearer " + system.token())
                .POST(HttpRequest.BodyPublishers.ofString("{\"districts\": [\"Central\"], \"limit\": 1}")));
        HttpResponse<String> notJson = system.send(HttpRequest.newBuilder(system.url(DISTRICT))
                .header("Authorization", "Bearer " + system.token())
                .POST(HttpRequest.BodyPublishers.ofString("districts=Central")));

        assertThat(response.headers().firstValue("Content-Type")).isPresent();
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThatJson(response.body()).inPath("data.count").isEqualTo(1);
        assertEnvelope(notJson, 400, "ValidationError");
        assertThatJson(notJson.body()).inPath("error.code").isEqualTo("MALFORMED_JSON");
    }

    @Test
    void aContentTypeOnTwoLinesNamesTwoTypesAndIsA415WhicheverComesFirst() {
        for (String[] types : new String[][] {{"application/json", "text/plain"}, {"text/plain", "application/json"},
                {"application/json; charset=utf-8", "text/plain"}, {"application/json", "application/json"}}) {
            HttpResponse<String> response = system.send(HttpRequest.newBuilder(system.url(DISTRICT))
                    .header("Authorization", "Bearer " + system.token())
                    .header("Content-Type", types[0])
                    .header("Content-Type", types[1])
                    .POST(HttpRequest.BodyPublishers.ofString("{\"districts\": [\"Central\"]}")));

            assertEnvelope(response, 415, "UnsupportedMediaTypeError");
        }
    }

    @Test
    void validIncomingRequestIdIsEchoedAndAJunkOneReplaced() {
        HttpResponse<String> echoed = system.post(DISTRICT, "{}", "X-Request-ID", "trace-42.a_b");
        HttpResponse<String> replaced = system.post(DISTRICT, "{}", "X-Request-ID", "bad id with spaces");

        assertThat(echoed.headers().firstValue("X-Request-ID")).hasValue("trace-42.a_b");
        assertThat(replaced.headers().firstValue("X-Request-ID")).isPresent().get().asString()
                .isNotEqualTo("bad id with spaces").matches("[0-9a-f-]{36}");
    }

    @Test
    void gatewayKeepsServingAfterBadRequests() {
        system.postWithToken(DISTRICT, "garbage");
        system.postWithToken("/api/v1/restaurants/recommend", "{\"restaurants\": [" + RESTAURANT + "]}");

        assertThat(system.postWithToken(DISTRICT, "{\"districts\": [\"Admiralty\"]}").statusCode()).isEqualTo(200);
    }
}
