package io.mcpgateway.gateway.status;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.mcpgateway.gateway.GatewayFixture;
import io.mcpgateway.gateway.browser.BrowserPage;
import io.mcpgateway.gateway.browser.ChromiumBrowser;

/** The status page, as an operator's browser (and a phone-sized one) shows it. */
@Timeout(180)
class StatusPageInBrowserIntegrationTest {

    @AutoClose
    private static GatewayFixture system;
    @AutoClose
    private static ChromiumBrowser browser;

    @BeforeAll
    static void start() {
        Optional<Path> chromium = ChromiumBrowser.find();
        if (chromium.isEmpty()) {
            System.out.println("SKIPPED: StatusPageInBrowserIntegrationTest needs Chromium (Debian: apt-get install"
                    + " chromium)");
        }
        Assumptions.assumeTrue(chromium.isPresent(), "Chromium is not installed");
        system = new GatewayFixture();
        browser = ChromiumBrowser.launch(chromium.get(), system.mapper);
    }

    @Test
    void pageShowsBackendsTrafficAndAuthFailuresFromTheJarAlone() {
        system.postWithToken("/api/v1/restaurants/search/district", "{\"districts\": [\"Admiralty\"]}");
        system.post("/api/v1/restaurants/search/district", "{}", "Authorization", "Bearer not-a-token");
        String origin = "http://127.0.0.1:" + system.gateway.port();
        BrowserPage page = browser.newPage();

        page.navigate(origin + "/status");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> page.evaluate("document.body?.dataset.loaded === 'true'").asBoolean());
        page.screenshot(Path.of("target", "status-page.png"));

        assertThat(page.evaluate("document.querySelector('#backends tbody').innerText").asString())
                .contains("restaurant-search", "restaurant-reasoning", "healthy", "closed");
        assertThat(page.evaluate("document.getElementById('auth-reasons').innerText").asString()).contains("malformed");
        assertThat(page.evaluate("document.querySelectorAll('svg polyline').length").asInt()).isGreaterThanOrEqualTo(4);
        assertThat(page.requests()).allSatisfy(r -> assertThat(r.path("url").asString()).startsWith(origin));
        assertThat(page.log()).noneMatch(line -> line.contains("Content Security Policy"));
    }

    @Test
    void pageFitsAPhoneScreen() {
        BrowserPage page = browser.newPage();
        page.emulateViewport(375, 812, true);
        page.navigate("http://127.0.0.1:" + system.gateway.port() + "/status");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> page.evaluate("document.body?.dataset.loaded === 'true'").asBoolean());
        page.screenshot(Path.of("target", "status-page-phone.png"));

        assertThat(page.evaluate("window.innerWidth").asInt()).isEqualTo(375);
        assertThat(page.evaluate("document.documentElement.scrollWidth").asInt()).isLessThanOrEqualTo(375);
    }

    @Test
    void dataEndpointIsPublicJson() {
        HttpResponse<String> data = system.get("/status/data");

        assertThat(data.statusCode()).isEqualTo(200);
        assertThatJson(data.body()).isObject().containsKeys("backends", "series", "interval_seconds");
        assertThatJson(data.body()).inPath("backends.restaurant-search.circuit_breaker").isEqualTo("closed");
        assertThat(system.get("/status").headers().firstValue("Content-Security-Policy")).get().asString()
                .contains("script-src 'self'");
    }
}
