package io.mcpgateway.gateway.openapi;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.javalin.Javalin;
import io.javalin.json.JavalinJackson3;
import io.mcpgateway.gateway.error.ErrorRenderer;
import io.mcpgateway.json.Json;

/** The docs page and its files over HTTP, registered on a bare server exactly as the gateway registers them. */
@Timeout(30)
class DocsRoutesIntegrationTest {

    private static Javalin app;
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        DocsRoutes docs = new DocsRoutes(SwaggerUiAssets.fromClasspath(), OpenApiRoutes.PATH);
        ErrorRenderer errors = new ErrorRenderer(Clock.systemUTC(), 1024 * 1024);
        app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.jsonMapper(new JavalinJackson3(Json.newMapper(), true));
            errors.register(cfg);
            docs.register(cfg);
        }).start("127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        app.stop();
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void thePageLoadsOnlyTheGatewaysOwnFilesAndPointsAtTheDocument() throws Exception {
        HttpResponse<String> page = get("/docs");
        String version = SwaggerUiAssets.fromClasspath().version();

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type.replace(" ", "")).isEqualToIgnoringCase("text/html;charset=utf-8"));
        assertThat(page.body()).contains("data-spec-url=\"/openapi.json\"")
                .contains("/docs/assets/swagger-ui-bundle.js?v=" + version)
                .contains("/docs/assets/swagger-initializer.js?v=" + version)
                .doesNotContain("http://", "https://", "{{");
        assertThat(page.body().replaceAll("<script src=\"[^\"]+\"></script>", "")).doesNotContain("<script");
    }

    @Test
    void theOriginalsRedocAddressLeadsToThisPage() throws Exception {
        HttpResponse<String> redoc = get("/redoc");

        assertThat(redoc.statusCode()).isEqualTo(301);
        assertThat(redoc.headers().firstValue("Location")).hasValue("/docs");
        assertThat(redoc.headers().firstValue("Content-Type")).isEmpty();
        assertThat(redoc.body()).isEmpty();
        HttpClient following = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
        HttpResponse<String> followed = following.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + app.port() + "/redoc")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(followed.statusCode()).isEqualTo(200);
        assertThat(followed.body()).isEqualTo(get("/docs").body());
    }

    @Test
    void aTrailingSlashGivesThePageToo() throws Exception {
        assertThat(get("/docs/").body()).isEqualTo(get("/docs").body());
    }

    @Test
    void thePageAllowsOnlyItsOwnOriginWithInlineStylesAsTheOneException() throws Exception {
        HttpResponse<String> page = get("/docs");

        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue(DocsRoutes.CONTENT_SECURITY_POLICY);
        assertThat(DocsRoutes.CONTENT_SECURITY_POLICY).contains("default-src 'self'", "script-src 'self';",
                "connect-src 'self'", "style-src 'self' 'unsafe-inline'").doesNotContain("unsafe-eval", "*", "http");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }

    @ParameterizedTest
    @CsvSource({"swagger-ui.css, text/css", "swagger-ui-bundle.js, text/javascript",
            "swagger-ui-standalone-preset.js, text/javascript", "swagger-initializer.js, text/javascript",
            "favicon-32x32.png, image/png", "favicon-16x16.png, image/png"})
    void everyFileOfThePageIsServedFromTheJarWithItsType(String file, String type) throws Exception {
        HttpResponse<String> asset = get("/docs/assets/" + file);

        assertThat(asset.statusCode()).isEqualTo(200);
        assertThat(asset.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith(type));
        assertThat(asset.body()).isNotEmpty();
        assertThat(asset.headers().firstValue("Cache-Control")).hasValue("public, max-age=86400");
    }

    @Test
    void theInitializerTurnsOnTryItOutAndOffThePublicValidator() throws Exception {
        String script = get("/docs/assets/swagger-initializer.js").body();

        assertThat(script).contains("tryItOutEnabled: true", "validatorUrl: null", "root.dataset.specUrl");
    }

    @ParameterizedTest
    @ValueSource(strings = {"index.html", "swagger-initializer.js.map", "oauth2-redirect.html", "..%2Fpom.properties",
            "..%2F..%2F..%2F..%2Fmaven%2Forg.webjars%2Fswagger-ui%2Fpom.properties", "%2Fetc%2Fpasswd"})
    void aFileThatIsNotOneOfThePagesIsA404Envelope(String file) throws Exception {
        HttpResponse<String> response = get("/docs/assets/" + file);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThatJson(response.body()).inPath("error.type").isEqualTo("NotFoundError");
    }
}
