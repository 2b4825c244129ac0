package io.mcpgateway.gateway.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/** One tab of a {@link ChromiumBrowser}: navigation, JavaScript in the page, what it requested, screenshots. */
public final class BrowserPage {

    private final DevToolsConnection devTools;
    private final String sessionId;

    BrowserPage(DevToolsConnection devTools, String sessionId) {
        this.devTools = devTools;
        this.sessionId = sessionId;
        for (String domain : List.of("Page", "Runtime", "Network", "Log")) {
            devTools.send(sessionId, domain + ".enable", Map.of());
        }
    }

    /** Runs the script in every document this tab loads from now on, before the page's own scripts. */
    public void beforeEveryDocument(String script) {
        devTools.send(sessionId, "Page.addScriptToEvaluateOnNewDocument", Map.of("source", script));
    }

    /** Renders the page as a device of this size would (a phone: 375 x 812, mobile). */
    public void emulateViewport(int width, int height, boolean mobile) {
        devTools.send(sessionId, "Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", mobile));
    }

    public void navigate(String url) {
        JsonNode result = devTools.send(sessionId, "Page.navigate", Map.of("url", url));
        if (result.has("errorText")) {
            throw new IllegalStateException("Cannot open " + url + ": " + result.path("errorText"));
        }
    }

    /** The value of a JavaScript expression in the page (promises awaited); a thrown error fails. */
    public JsonNode evaluate(String expression) {
        JsonNode result = devTools.send(sessionId, "Runtime.evaluate",
                Map.of("expression", expression, "returnByValue", true, "awaitPromise", true));
        if (result.has("exceptionDetails")) {
            throw new IllegalStateException("Script failed: " + result.path("exceptionDetails"));
        }
        return result.path("result").path("value");
    }

    /** Every request the page made so far (Network.requestWillBeSent's request objects). */
    public List<JsonNode> requests() {
        return devTools.events(sessionId, "Network.requestWillBeSent").stream().map(e -> e.path("request")).toList();
    }

    /** Messages the browser logged for the page (CSP violations, failed loads...). */
    public List<String> log() {
        return devTools.events(sessionId, "Log.entryAdded").stream()
                .map(e -> e.path("entry").path("level").asString() + ": " + e.path("entry").path("text").asString())
                .toList();
    }

    public void screenshot(Path file) {
        JsonNode shot = devTools.send(sessionId, "Page.captureScreenshot", Map.of("format", "png"));
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, Base64.getDecoder().decode(shot.path("data").asString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
