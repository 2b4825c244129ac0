package io.mcpgateway.gateway.backend;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mcpgateway.gateway.config.BackendSettings;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Listens to a backend's server-to-client event stream (Streamable HTTP: {@code GET} on its MCP endpoint, after an
 * {@code initialize} when the server keeps sessions) for {@code notifications/tools/list_changed}, which a server
 * sends there when its tools change outside any call; to a backend of MCP 2026-07-28, which has no such stream, it
 * subscribes to them instead ({@code subscriptions/listen}). A stateless server answers the {@code GET} with 405, and
 * one of 2026-07-28 without subscriptions the {@code listen} with 404: then there is nothing to listen to, and the
 * periodic refresh is what notices its changes, unless the backend turns out to speak the other era. A stream that
 * ends or fails is opened again after a backoff (5 s, doubling to 5 min); one opened again after another tells of a
 * change, since one may have come between them.
 */
public final class BackendEventStream implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BackendEventStream.class);
    static final Duration FIRST_RETRY = Duration.ofSeconds(5);
    static final Duration MAX_RETRY = Duration.ofMinutes(5);
    /** A stream quiet for this long is opened again, in case a proxy between dropped it without a word. */
    static final Duration IDLE_TIMEOUT = Duration.ofMinutes(10);
    /**
     * The longest line, and event, read: notifications are small, and a stream without line ends filled the heap
     * (the stream is then dropped and opened again after the backoff).
     */
    static final int MAX_EVENT_CHARS = 1024 * 1024;

    private enum Outcome { ENDED, NOT_OFFERED }

    private final McpBackendClient backend;
    private final BackendSettings settings;
    private final BackendConnections connections;
    private final BackendCredentials credentials;
    private final BackendSession session;
    private final BackendEra era;
    private final JsonMapper mapper;
    private final Runnable toolListChanged;
    private volatile boolean closed;
    private volatile BackendConnections.OpenStream current;
    private Thread thread;
    /** Whether a subscription was acknowledged before: the next one's acknowledgement may follow a change missed. */
    private boolean subscribedBefore;

    /** Listens in the session {@code backend}'s calls use, when its server keeps one. */
    public BackendEventStream(McpBackendClient backend, Runnable toolListChanged) {
        this.backend = backend;
        this.settings = backend.settings();
        this.connections = backend.connections();
        this.credentials = backend.credentials();
        this.session = backend.session();
        this.era = backend.era();
        this.mapper = backend.mapper();
        this.toolListChanged = Objects.requireNonNull(toolListChanged, "toolListChanged");
    }

    public BackendEventStream start() {
        thread = Thread.ofVirtual().name("events-" + settings.name()).start(this::run);
        return this;
    }

    private void run() {
        Duration retry = FIRST_RETRY;
        while (!closed) {
            boolean modern = era.modern();
            try {
                if ((modern ? subscribeOnce() : listenOnce()) == Outcome.NOT_OFFERED) {
                    log.debug("Backend '{}' offers no {}; its tool list is read periodically", settings.name(),
                            modern ? "subscriptions/listen" : "event stream");
                    if (!awaitEraOtherThan(modern)) {
                        return;
                    }
                    continue;
                }
                retry = FIRST_RETRY; // it was connected: a new stream soon
            } catch (BackendFailure | IOException | RuntimeException e) {
                // a RuntimeException too: Jetty's stream rethrows the CancellationException of a close in the middle
                // of a read, which ended this thread with a stack trace on stderr (raw text in a JSON log)
                if (closed) {
                    return;
                }
                log.debug("Event stream of backend '{}' failed ({}); again in {} s", settings.name(), e.getMessage(),
                        retry.toSeconds());
            }
            if (!pause(retry)) {
                return;
            }
            retry = retry.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : retry.multipliedBy(2);
        }
    }

    /** Waits until the backend is found to speak the other era (it was replaced); false once closed. */
    private boolean awaitEraOtherThan(boolean modern) {
        while (era.modern() == modern) {
            if (!pause(FIRST_RETRY)) {
                return false;
            }
        }
        return true;
    }

    private Outcome listenOnce() throws BackendFailure, IOException {
        String sessionId = session.current(settings.requestTimeout());
        Map<String, String> headers = McpBackendClient.headers(credentials, "text/event-stream", sessionId,
                session.protocolVersion());
        try (BackendConnections.OpenStream stream = connections.get(settings.mcpEndpoint(), headers, IDLE_TIMEOUT)) {
            current = stream;
            if (stream.status() == 404 && sessionId != null) {
                session.renew(sessionId, 404, settings.requestTimeout());
                throw new IOException("the backend forgot its session; listening in a new one");
            }
            if (stream.status() == 405 || stream.status() == 404) {
                return Outcome.NOT_OFFERED;
            }
            if (stream.status() != 200 || !stream.contentType().startsWith("text/event-stream")) {
                throw new IOException("GET answered HTTP " + stream.status() + " " + stream.contentType());
            }
            log.info("Listening to the event stream of backend '{}'", settings.name());
            read(new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8)), false);
            return Outcome.ENDED;
        } finally {
            current = null;
        }
    }

    /**
     * Subscribes to the tool list changes of a backend of MCP 2026-07-28, and reads the stream until it ends: with
     * the request's result (the server ended it), or with the connection.
     */
    private Outcome subscribeOnce() throws BackendFailure, IOException {
        McpBackendClient.StreamRequest listen = backend.toolListSubscription();
        try (BackendConnections.OpenStream stream = connections.post(settings.mcpEndpoint(), listen.headers(),
                listen.body(), IDLE_TIMEOUT)) {
            current = stream;
            boolean events = stream.contentType().startsWith("text/event-stream");
            if (stream.status() == 404 || stream.status() == 405 || stream.status() == 200 && !events) {
                return Outcome.NOT_OFFERED; // -32601 with the revision's 404, or another error in JSON
            }
            if (stream.status() != 200) {
                throw new IOException("subscriptions/listen answered HTTP " + stream.status() + " "
                        + stream.contentType());
            }
            log.info("Subscribed to the tool list changes of backend '{}'", settings.name());
            read(new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8)), true);
            return Outcome.ENDED;
        } finally {
            current = null;
        }
    }

    /**
     * Reads server-sent events until the stream ends, acting on each complete message; a subscription's ends with its
     * result too.
     */
    private void read(BufferedReader events, boolean subscription) throws IOException {
        StringBuilder data = new StringBuilder();
        EventLines lines = new EventLines(events);
        for (String line; (line = lines.next()) != null && !closed; ) {
            if (line.startsWith("data:")) {
                if (data.length() + line.length() > MAX_EVENT_CHARS) {
                    throw new IOException("an event longer than " + MAX_EVENT_CHARS + " characters");
                }
                data.append(line.substring(5).strip()).append('\n');
            } else if (line.isEmpty() && !data.isEmpty()) {
                JsonNode message = mapper.readTree(data.toString());
                data.setLength(0);
                String method = message.path("method").asString("");
                if ("notifications/tools/list_changed".equals(method)) {
                    toolListChanged.run();
                } else if (subscription && "notifications/subscriptions/acknowledged".equals(method)) {
                    if (subscribedBefore) {
                        toolListChanged.run(); // a change may have come while no subscription was open
                    }
                    subscribedBefore = true;
                } else if (subscription && message.has("id")) {
                    return; // the listen request's result: the server ended the subscription
                }
            }
        }
    }

    /**
     * The lines of an event stream, each without its end (LF, CRLF or CR); one over the bound is refused. A CR ends
     * its line at once: the LF that may follow is skipped when it comes, not waited for (a server ending its lines
     * with CR alone would have the blank line that completes an event wait for its next byte).
     */
    static final class EventLines {
        private final BufferedReader in;
        private boolean afterCr;

        EventLines(BufferedReader in) {
            this.in = in;
        }

        /** The next line, null at the stream's end. */
        String next() throws IOException {
            StringBuilder line = new StringBuilder();
            for (int c; (c = in.read()) >= 0; ) {
                boolean lfOfCrlf = afterCr && c == '\n';
                afterCr = c == '\r';
                if (lfOfCrlf) {
                    continue;
                }
                if (c == '\n' || c == '\r') {
                    return line.toString();
                }
                if (line.length() == MAX_EVENT_CHARS) {
                    throw new IOException("a line longer than " + MAX_EVENT_CHARS + " characters");
                }
                line.append((char) c);
            }
            return line.isEmpty() ? null : line.toString();
        }
    }

    private boolean pause(Duration duration) {
        try {
            Thread.sleep(duration);
            return !closed;
        } catch (InterruptedException e) {
            return false;
        }
    }

    @Override
    public void close() {
        closed = true;
        BackendConnections.OpenStream stream = current;
        if (stream != null) {
            stream.close();
        }
        if (thread != null) {
            thread.interrupt();
        }
    }
}
