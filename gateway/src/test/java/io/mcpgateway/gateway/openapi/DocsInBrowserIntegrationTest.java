package io.mcpgateway.gateway.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

import io.mcpgateway.gateway.GatewayFixture;
import io.mcpgateway.gateway.browser.BrowserPage;
import io.mcpgateway.gateway.browser.ChromiumBrowser;
import io.mcpgateway.gateway.config.RouteSettings;
import tools.jackson.databind.JsonNode;

/**
 * {@code /docs} in a real headless Chromium, driven over the DevTools protocol: Swagger UI renders every route from
 * the gateway's own files, and an authorised "Try it out" call goes through. Skipped, saying so, without chromium.
 * The tests share one page and run in order: the network check comes last so it sees every request made.
 */
@Timeout(180)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DocsInBrowserIntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(45);
    private static final String DISTRICT_ROUTE = "/api/v1/restaurants/search/district";
    /** Collects the page's CSP violations; DevTools runs it before the page's scripts, whatever the policy. */
    private static final String RECORD_CSP_VIOLATIONS = "window.cspViolations = [];"
            + " document.addEventListener('securitypolicyviolation',"
            + " e => window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));";

    private static GatewayFixture system;
    private static ChromiumBrowser browser;
    private static BrowserPage page;
    private static String origin;

    @BeforeAll
    static void openDocs() {
        Optional<Path> chromium = ChromiumBrowser.find();
        if (chromium.isEmpty()) {
            System.out.println("SKIPPED: DocsInBrowserIntegrationTest needs Chromium at /usr/bin/chromium or"
                    + " -Dchromium.binary (Debian: apt-get install chromium)");
        }
        Assumptions.assumeTrue(chromium.isPresent(), "Chromium is not installed (Debian package chromium)");
        system = new GatewayFixture();
        origin = "http://127.0.0.1:" + system.gateway.port();
        browser = ChromiumBrowser.launch(chromium.get(), system.mapper);
        page = browser.newPage();
        page.beforeEveryDocument(RECORD_CSP_VIOLATIONS);
        page.navigate(origin + "/docs");
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).until(() -> page.evaluate(
                "document.querySelectorAll('.opblock-summary-path').length").asInt() >= 14);
        page.screenshot(Path.of("target", "docs-swagger-ui.png"));
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.close();
        }
        if (system != null) {
            system.close();
        }
    }

    private static String js(Object value) {
        return system.mapper.writeValueAsString(value);
    }

    /** A JavaScript expression for the operation block of the path. */
    private static String block(String path) {
        return "[...document.querySelectorAll('.opblock')].find(b => b.querySelector('.opblock-summary-path')"
                + "?.getAttribute('data-path') === " + js(path) + ")";
    }

    @Test
    @Order(1)
    void everyRouteOfTheTableAndEveryPublicEndpointIsRendered() {
        JsonNode rendered = page.evaluate("[...document.querySelectorAll('.opblock-summary-path')]"
                + ".map(e => e.getAttribute('data-path'))");
        List<String> paths = system.mapper.convertValue(rendered, system.mapper.getTypeFactory()
                .constructCollectionType(List.class, String.class));

        assertThat(paths).containsAll(RouteSettings.restaurantDefaults().stream().map(RouteSettings::path).toList());
        assertThat(paths).contains("/health", "/tools/metadata", "/openapi.json", "/docs");
        assertThat(page.evaluate("document.querySelector('.info .title')?.textContent").asString())
                .startsWith("MCP Tools Gateway");
    }

    @Test
    @Order(2)
    void anAuthorisedTryItOutCallOfTheDistrictSearchAnswers200() {
        String token = system.token();
        page.evaluate("ui.preauthorizeApiKey('bearerAuth', " + js(token) + "), true");
        await().atMost(PATIENCE).until(() -> page.evaluate(
                "document.querySelector('.btn.authorize')?.classList.contains('locked')").asBoolean(false));

        page.evaluate("(" + block(DISTRICT_ROUTE) + ").querySelector('.opblock-summary-control').click(), true");
        // Try it out is on for every operation; press the button only if this version still shows it.
        await().atMost(PATIENCE).until(() -> page.evaluate("(() => { const b = " + block(DISTRICT_ROUTE) + ";"
                + " const t = b.querySelector('button.try-out__btn:not(.cancel)'); if (t) t.click();"
                + " return !!b.querySelector('textarea.body-param__text'); })()").asBoolean(false));
        page.evaluate("(() => { const area = (" + block(DISTRICT_ROUTE) + ").querySelector('textarea.body-param__text');"
                + " Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value').set.call(area, "
                + js("{\"districts\": [\"Central district\"], \"limit\": 3}") + ");"
                + " area.dispatchEvent(new Event('input', {bubbles: true})); return true; })()");
        page.evaluate("(" + block(DISTRICT_ROUTE) + ").querySelector('button.execute').click(), true");

        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).until(() -> !page.evaluate("(" + block(
                DISTRICT_ROUTE) + ").querySelector('.live-responses-table tbody .response-col_status')?.textContent ?? ''")
                .asString().isBlank());
        String status = page.evaluate("(" + block(DISTRICT_ROUTE)
                + ").querySelector('.live-responses-table tbody .response-col_status').textContent.trim()").asString();
        String shown = page.evaluate("(" + block(DISTRICT_ROUTE)
                + ").querySelector('.live-responses-table tbody .response-col_description').innerText").asString();
        page.evaluate("(" + block(DISTRICT_ROUTE) + ").querySelector('.live-responses-table').scrollIntoView(), true");
        page.screenshot(Path.of("target", "docs-try-it-out.png"));

        assertThat(status).isEqualTo("200");
        assertThat(shown).contains("\"success\": true").contains("\"total_count\": 63");
        JsonNode call = page.requests().stream()
                .filter(r -> r.path("url").asString().equals(origin + DISTRICT_ROUTE))
                .filter(r -> r.path("method").asString().equals("POST")).findFirst().orElseThrow();
        assertThat(call.path("headers").path("Authorization").asString()).isEqualTo("Bearer " + token);
    }

    @Test
    @Order(3)
    void everythingThePageLoadedCameFromTheGatewayAndNothingBrokeItsPolicy() {
        List<String> urls = page.requests().stream().map(r -> r.path("url").asString()).toList();
        JsonNode resources = page.evaluate("performance.getEntriesByType('resource').map(e => e.name)");

        assertThat(urls).contains(origin + "/docs", origin + "/openapi.json")
                .anySatisfy(url -> assertThat(url).startsWith(origin + "/docs/assets/swagger-ui-bundle.js"))
                .allSatisfy(url -> assertThat(url.startsWith(origin + "/") || url.startsWith("data:")).as(url).isTrue());
        assertThat(resources).allSatisfy(url -> assertThat(url.asString().startsWith(origin + "/")
                || url.asString().startsWith("data:")).as(url.asString()).isTrue());
        assertThat(page.evaluate("window.cspViolations")).isEmpty();
        assertThat(page.log()).noneSatisfy(line -> assertThat(line).containsIgnoringCase("Content Security Policy"));
    }
}
