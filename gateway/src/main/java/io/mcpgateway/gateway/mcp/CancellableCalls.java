package io.mcpgateway.gateway.mcp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mcpgateway.gateway.auth.Caller;
import io.mcpgateway.gateway.backend.http1.AbortSignal;

/**
 * The {@code tools/call} requests of {@code /mcp} under way on this instance, by caller and request id, so that the
 * client's {@code notifications/cancelled}, which comes on a request of its own, ends the backend exchange (a server
 * that keeps sessions is told in turn). MCP's cancellation says the receiver should stop the request and free what it
 * holds; the request is still answered (HTTP needs an answer), with an error the client ignores. Only the caller who
 * sent a request can cancel it. A notice that reaches another instance than its request finds nothing and is ignored,
 * as one for a request already answered is. The gateway keeps no sessions, so two sessions of one caller (two agents
 * with the same token, each numbering its requests from 1) may have calls of the same id under way at once: a notice
 * for that id is then ignored too, rather than end the call of the session that did not send it. One entry per request
 * under way, so the map is bounded by them.
 */
final class CancellableCalls {

    private static final Logger log = LoggerFactory.getLogger(CancellableCalls.class);

    private final Map<Key, List<AbortSignal>> running = new ConcurrentHashMap<>();

    /** A request of one caller: its subject and client, and its id as JSON writes it (5 and "5" differ). */
    private record Key(String subject, String clientId, String id) {

        static Key of(Caller caller, Object id) {
            return new Key(caller.subject(), caller.clientId(), id instanceof String text ? '"' + text + '"'
                    : String.valueOf(id));
        }
    }

    /** Runs the call of request {@code id} of {@code caller}, which a cancellation can end meanwhile. */
    <T> T run(Caller caller, Object id, Supplier<T> call) {
        Key key = Key.of(caller, Objects.requireNonNull(id, "id"));
        AbortSignal signal = new AbortSignal();
        running.merge(key, List.of(signal), CancellableCalls::joined);
        try {
            return signal.during(call);
        } finally {
            running.computeIfPresent(key, (k, signals) -> without(signals, signal));
        }
    }

    /** Ends the call of request {@code requestId} of {@code caller} under way, if any; true when there was one. */
    boolean cancel(Caller caller, Object requestId) {
        if (!(requestId instanceof String) && !(requestId instanceof Number)) {
            return false;
        }
        List<AbortSignal> signals = running.getOrDefault(Key.of(caller, requestId), List.of());
        if (signals.size() != 1) {
            if (signals.size() > 1) {
                log.debug("Cancellation of request {} of caller '{}' ignored: {} of its calls have that id",
                        requestId, caller.id(), signals.size());
            }
            return false;
        }
        log.debug("Request {} of caller '{}' cancelled by its client", requestId, caller.id());
        signals.get(0).abort();
        return true;
    }

    private static List<AbortSignal> joined(List<AbortSignal> signals, List<AbortSignal> more) {
        List<AbortSignal> all = new ArrayList<>(signals);
        all.addAll(more);
        return List.copyOf(all);
    }

    /** {@code signals} without {@code signal}; null (no entry) when none is left. */
    private static List<AbortSignal> without(List<AbortSignal> signals, AbortSignal signal) {
        List<AbortSignal> rest = signals.stream().filter(s -> s != signal).toList();
        return rest.isEmpty() ? null : rest;
    }
}
