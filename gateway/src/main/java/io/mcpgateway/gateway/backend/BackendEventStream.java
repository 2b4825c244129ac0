package io.mcpgateway.gateway.backend;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

import io.mcpgateway.gateway.config.BackendSettings;
import io.mcpgateway.text.Echoed;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Listens to a backend's server-to-client event stream (Streamable HTTP: {@code GET} on its MCP endpoint, after an
 * {@code initialize} when the server keeps sessions) for {@code notifications/tools/list_changed}, which a server
 * sends there when its tools change outside any call; to a backend of MCP 2026-07-28, which has no such stream, it
 * subscribes to them instead ({@code subscriptions/listen}), and reads the list again at each acknowledgement, since a
 * change may have come while no subscription was open. A stateless server answers the {@code GET} with 405, and one of
 * 2026-07-28 without subscriptions the {@code listen} with JSON-RPC's -32601: then there is nothing to listen to, and
 * the periodic refresh is what notices changes; the backend is asked again when it turns out to speak the other era,
 * or after {@link #ASK_AGAIN}. A stream that ends or fails is opened again after a backoff: 5 s after one that lasted
 * {@link #STEADY}, else doubling up to 5 min, so that a server ending its streams at once is not asked without end.
 */
public final class BackendEventStream implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BackendEventStream.class);
    static final Duration FIRST_RETRY = Duration.ofSeconds(5);
    static final Duration MAX_RETRY = Duration.ofMinutes(5);
    /** A stream open this long was a working one: whatever ended it, the next is opened soon. */
    static final Duration STEADY = Duration.ofMinutes(1);
    /** How often a backend that offers no stream is asked again: it may have been upgraded in place. */
    static final Duration ASK_AGAIN = Duration.ofMinutes(30);
    /** A stream quiet for this long is opened again, in case a proxy between dropped it without a word. */
    static final Duration IDLE_TIMEOUT = Duration.ofMinutes(10);
    /**
     * The longest line, and event, read: notifications are small, and a stream without line ends filled the heap
     * (the stream is then dropped and opened again after the backoff).
     */
    static final int MAX_EVENT_CHARS = 1024 * 1024;
    /** The most of an answer in JSON read to find whether it refuses the method: an error is small. */
    private static final int MAX_REFUSAL_BYTES = 64 * 1024;
    private static final String LISTEN = "subscriptions/listen";
    /** JSON-RPC's "method not found". */
    private static final int METHOD_NOT_FOUND = -32601;

    private enum Outcome { ENDED, NOT_OFFERED }

    private final McpBackendClient backend;
    private final BackendSettings settings;
    private final BackendConnections connections;
    private final BackendCredentials credentials;
    private final BackendSession session;
    private final BackendEra era;
    private final JsonMapper mapper;
    private final Runnable toolListChanged;
    private final Runnable mayHaveMissedChanges;
    private volatile boolean closed;
    private volatile BackendConnections.OpenStream current;
    /** The era of the stream open now: one of the other era is closed when the backend's changes. */
    private volatile boolean currentModern;
    private Thread thread;
    /** Whether the last stream failed: its next is logged at INFO, as the first; routine reopenings at DEBUG. */
    private boolean failing = true;
    private boolean warned;

    /**
     * Listens in the session {@code backend}'s calls use, when its server keeps one.
     *
     * @param toolListChanged what to do when the backend says its tools changed
     * @param mayHaveMissedChanges what to do when a subscription begins, a change having perhaps come before it
     */
    public BackendEventStream(McpBackendClient backend, Runnable toolListChanged, Runnable mayHaveMissedChanges) {
        this.backend = backend;
        this.settings = backend.settings();
        this.connections = backend.connections();
        this.credentials = backend.credentials();
        this.session = backend.session();
        this.era = backend.era();
        this.mapper = backend.mapper();
        this.toolListChanged = Objects.requireNonNull(toolListChanged, "toolListChanged");
        this.mayHaveMissedChanges = Objects.requireNonNull(mayHaveMissedChanges, "mayHaveMissedChanges");
    }

    public BackendEventStream start() {
        era.onChange(this::eraChanged);
        thread = Thread.ofVirtual().name("events-" + settings.name()).start(this::run);
        return this;
    }

    /** The backend speaks the other era now: a stream of the era it spoke is closed, and one of its era opened. */
    private void eraChanged() {
        BackendConnections.OpenStream stream = current;
        if (stream != null && currentModern != era.modern()) {
            stream.close();
        }
    }

    private void run() {
        Duration retry = FIRST_RETRY;
        while (!closed) {
            boolean modern = era.modern();
            long started = System.nanoTime();
            try {
                if ((modern ? subscribeOnce() : listenOnce()) == Outcome.NOT_OFFERED) {
                    log.debug("Backend '{}' offers no {}; its tool list is read periodically", settings.name(),
                            modern ? LISTEN : "event stream");
                    if (!awaitEraOtherThan(modern)) {
                        return;
                    }
                    retry = FIRST_RETRY;
                    continue;
                }
                failing = false;
                warned = false;
            } catch (BackendFailure | IOException | RuntimeException e) {
                // a RuntimeException too: Jetty's stream rethrows the CancellationException of a close in the middle
                // of a read, which ended this thread with a stack trace on stderr (raw text in a JSON log)
                if (closed) {
                    return;
                }
                if (era.modern() != modern) {
                    continue; // closed for the backend's change of era: the other era's stream at once
                }
                failed(e, retry);
            }
            boolean lasted = System.nanoTime() - started >= STEADY.toNanos();
            Duration wait = lasted ? FIRST_RETRY : retry;
            if (!pause(wait)) {
                return;
            }
            retry = wait.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : wait.multipliedBy(2);
        }
    }

    /** A failure is DEBUG while it may be a blip, WARN once it has lasted through the longest backoff. */
    private void failed(Exception e, Duration retry) {
        failing = true;
        if (retry.equals(MAX_RETRY) && !warned) {
            warned = true;
            log.warn("The {} of backend '{}' keeps failing ({}); its tool list is read periodically meanwhile",
                    era.modern() ? "subscription to the tool list changes" : "event stream", settings.name(),
                    e.getMessage());
        } else {
            log.debug("Event stream of backend '{}' failed ({}); again in {} s", settings.name(), e.getMessage(),
                    retry.toSeconds());
        }
    }

    /**
     * Waits until the backend is found to speak the other era (it was replaced), or {@link #ASK_AGAIN} has passed;
     * false once closed.
     */
    private boolean awaitEraOtherThan(boolean modern) {
        long until = System.nanoTime() + ASK_AGAIN.toNanos();
        while (era.modern() == modern && System.nanoTime() - until < 0) {
            if (!pause(FIRST_RETRY)) {
                return false;
            }
        }
        return !closed;
    }

    private Outcome listenOnce() throws BackendFailure, IOException {
        String sessionId = session.current(settings.requestTimeout());
        BackendConnections.OpenStream stream = openRenewing(() -> new McpBackendClient.StreamRequest(null,
                McpBackendClient.headers(credentials, "text/event-stream", sessionId, session.protocolVersion())));
        try (BackendConnections.OpenStream open = opened(stream, false)) {
            if (open.status() == 404 && sessionId != null) {
                session.renew(sessionId, 404, settings.requestTimeout());
                throw new IOException("the backend forgot its session; listening in a new one");
            }
            if (open.status() == 405 || open.status() == 404) {
                return Outcome.NOT_OFFERED;
            }
            if (open.status() != 200 || !open.contentType().startsWith("text/event-stream")) {
                throw new IOException("GET answered HTTP " + open.status() + " " + open.contentType());
            }
            log(failing ? Level.INFO : Level.DEBUG, "Listening to the event stream of backend '{}'");
            return read(new BufferedReader(new InputStreamReader(open.body(), StandardCharsets.UTF_8)), false);
        } finally {
            current = null;
        }
    }

    /**
     * Subscribes to the tool list changes of a backend of MCP 2026-07-28, and reads the stream until it ends: with
     * the request's result (the server ended it), or with the connection.
     */
    private Outcome subscribeOnce() throws BackendFailure, IOException {
        BackendConnections.OpenStream stream = openRenewing(backend::toolListSubscription);
        try (BackendConnections.OpenStream open = opened(stream, true)) {
            if (open.status() == 200 && open.contentType().startsWith("text/event-stream")) {
                log(failing ? Level.INFO : Level.DEBUG, "Subscribed to the tool list changes of backend '{}'");
                return read(new BufferedReader(new InputStreamReader(open.body(), StandardCharsets.UTF_8)), true);
            }
            if (refusesTheMethod(open)) { // 404 with -32601 in this revision; the body tells it from a proxy's 404
                return Outcome.NOT_OFFERED;
            }
            throw new IOException(LISTEN + " answered HTTP " + open.status() + " " + open.contentType());
        } finally {
            current = null;
        }
    }

    /** Makes a stream's request anew, with the credentials in force then. */
    @FunctionalInterface
    private interface StreamRequests {
        McpBackendClient.StreamRequest make() throws BackendFailure;
    }

    /**
     * Opens the stream {@code requests} makes (a GET without a body, else a POST of it); once more with a request made
     * anew when the backend refused a renewable token (401: it expired or was revoked), as calls are.
     */
    private BackendConnections.OpenStream openRenewing(StreamRequests requests) throws BackendFailure {
        McpBackendClient.StreamRequest sent = requests.make();
        BackendConnections.OpenStream stream = open(sent);
        if (stream.status() == 401 && credentials.refused(sent.headers())) {
            stream.close();
            stream = open(requests.make());
        }
        return stream;
    }

    private BackendConnections.OpenStream open(McpBackendClient.StreamRequest request) throws BackendFailure {
        return request.body() == null ? connections.get(settings.mcpEndpoint(), request.headers(), IDLE_TIMEOUT)
                : connections.post(settings.mcpEndpoint(), request.headers(), request.body(), IDLE_TIMEOUT);
    }

    /** Notes {@code stream} as the one open now, of the era given; one opened as the gateway closed is closed. */
    private BackendConnections.OpenStream opened(BackendConnections.OpenStream stream, boolean modern) {
        currentModern = modern;
        current = stream;
        if (closed || era.modern() != modern) {
            stream.close(); // close() or eraChanged() may have looked before it was noted
        }
        return stream;
    }

    /** Whether an answer in JSON is JSON-RPC's "method not found" (-32601), read up to a bound. */
    private boolean refusesTheMethod(BackendConnections.OpenStream answer) {
        if (!answer.contentType().startsWith("application/json")) {
            return false;
        }
        try {
            byte[] body = answer.body().readNBytes(MAX_REFUSAL_BYTES);
            return mapper.readTree(body).path("error").path("code").asInt(0) == METHOD_NOT_FOUND;
        } catch (IOException | JacksonException e) {
            return false;
        }
    }

    private void log(Level level, String message) {
        log.atLevel(level).log(message, settings.name());
    }

    /**
     * Reads server-sent events until the stream ends, acting on each complete message. A subscription's first message
     * must acknowledge the tool list changes (a server agreeing to none sends nothing worth a stream), and its
     * request's answer ends it: the result as a graceful end, -32601 as a method not offered, another error as a
     * failure.
     */
    private Outcome read(BufferedReader events, boolean subscription) throws IOException {
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
                    if (!message.at("/params/notifications/toolsListChanged").asBoolean(false)) {
                        return Outcome.NOT_OFFERED;
                    }
                    mayHaveMissedChanges.run();
                } else if (subscription && message.has("id")) {
                    return answered(message);
                }
            }
        }
        return Outcome.ENDED;
    }

    /** What the answer to the {@code listen} request says. */
    private static Outcome answered(JsonNode answer) throws IOException {
        if (answer.has("result")) {
            return Outcome.ENDED;
        }
        int code = answer.path("error").path("code").asInt(0);
        if (code == METHOD_NOT_FOUND) {
            return Outcome.NOT_OFFERED;
        }
        throw new IOException(LISTEN + " failed: " + code + " " + Echoed.oneLine(answer.path("error")
                .path("message").asString(""), 200));
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
