package io.mcpgateway.gateway.browser;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import tools.jackson.databind.json.JsonMapper;

/**
 * A headless Chromium (the Debian package) driven over the DevTools protocol, with its own empty profile and every
 * background service that would reach the network switched off. Closing it ends the processes it started.
 */
public final class ChromiumBrowser implements AutoCloseable {

    private static final List<String> CANDIDATES = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser");
    private static final Pattern DEVTOOLS_URL = Pattern.compile("DevTools listening on (ws://\\S+)");
    private static final long START_TIMEOUT_SECONDS = 30;

    private final Process process;
    private final Path profile;
    private final HttpClient http = HttpClient.newHttpClient();
    private final DevToolsConnection devTools;
    private final List<String> stderr = new ArrayList<>();

    private ChromiumBrowser(Path binary, JsonMapper mapper) throws IOException {
        this.profile = Files.createTempDirectory("chromium-profile");
        this.process = new ProcessBuilder(binary.toString(), "--headless=new", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-default-apps", "--disable-extensions", "--no-default-browser-check",
                "--window-size=1280,1600", "--user-data-dir=" + profile, "--remote-debugging-port=0", "about:blank")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        URI endpoint = devToolsEndpoint();
        this.devTools = DevToolsConnection.open(endpoint, http, mapper);
    }

    /** The Chromium binary of this machine, if there is one; the system property chromium.binary names another. */
    public static Optional<Path> find() {
        String given = System.getProperty("chromium.binary");
        return (given == null ? CANDIDATES : List.of(given)).stream().map(Path::of).filter(Files::isExecutable)
                .findFirst();
    }

    public static ChromiumBrowser launch(Path binary, JsonMapper mapper) {
        try {
            return new ChromiumBrowser(binary, mapper);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Opens a new tab and attaches to it; the page's commands go to the returned session. */
    public BrowserPage newPage() {
        String targetId = devTools.send("Target.createTarget", Map.of("url", "about:blank")).path("targetId")
                .asString();
        String sessionId = devTools.send("Target.attachToTarget", Map.of("targetId", targetId, "flatten", true))
                .path("sessionId").asString();
        return new BrowserPage(devTools, sessionId);
    }

    /** Chromium prints where its DevTools listen on stderr; the reader keeps draining it so it never blocks. */
    private URI devToolsEndpoint() {
        CompletableFuture<URI> endpoint = new CompletableFuture<>();
        Thread.ofVirtual().name("chromium-stderr").start(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    synchronized (stderr) {
                        stderr.add(line);
                    }
                    Matcher url = DEVTOOLS_URL.matcher(line);
                    if (url.find()) {
                        endpoint.complete(URI.create(url.group(1)));
                    }
                }
            } catch (IOException e) {
                endpoint.completeExceptionally(e);
            }
            endpoint.completeExceptionally(new IllegalStateException("Chromium exited: " + stderrSoFar()));
        });
        try {
            return endpoint.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            close();
            throw new IllegalStateException("Chromium did not open its DevTools port: " + stderrSoFar(), e);
        }
    }

    private String stderrSoFar() {
        synchronized (stderr) {
            return String.join("\n", stderr);
        }
    }

    @Override
    public void close() {
        if (devTools != null) {
            try {
                devTools.send("Browser.close", Map.of());
            } catch (RuntimeException e) {
                // Already gone: the processes are ended below all the same.
            }
            devTools.close();
        }
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        http.shutdownNow(); // not close(): it waits for every operation, a WebSocket's too, without bound
        try {
            http.awaitTermination(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deleteProfile();
    }

    private void deleteProfile() {
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
