package io.mcpgateway.gateway.backend;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.mcpgateway.gateway.backend.http1.AbortSignal;
import io.mcpgateway.gateway.error.GatewayException;

/**
 * One tool call through its backend's guard: {@code Retry(Bulkhead(CircuitBreaker(attempt)))}. Each attempt holds a
 * bulkhead permit only while it runs (never while backing off) and is counted by the breaker; each waits at most the
 * request timeout, or less when the call's deadline (the total timeout) is nearer, so the whole call ends by then.
 * Used by one thread; not shared.
 */
final class ResilientCall {

    private final DirectToolInvoker attempts;
    private final McpBackendClient backend;
    private final BackendGuard guard;
    private final String tool;
    private final Map<String, Object> arguments;
    private final ResultForm form;
    private final OnBehalfOf caller;
    private final Deadline deadline;
    private final Deadline batchEnd;
    private int attemptsMade;
    private Duration lastTimeout = Duration.ZERO;
    /** The failure of the last attempt that reached the backend, if one failed. */
    private BackendFailure lastFailure;

    /**
     * @param deadline the call's own end: its backend's total timeout
     * @param batchEnd the end of the JSON-RPC batch it came in ({@link java.time.Instant#MAX} for none)
     */
    ResilientCall(DirectToolInvoker attempts, McpBackendClient backend, BackendGuard guard, String tool,
            Map<String, Object> arguments, ResultForm form, OnBehalfOf caller, Deadline deadline, Deadline batchEnd) {
        this.attempts = Objects.requireNonNull(attempts, "attempts");
        this.backend = Objects.requireNonNull(backend, "backend");
        this.guard = Objects.requireNonNull(guard, "guard");
        this.tool = Objects.requireNonNull(tool, "tool");
        this.arguments = Objects.requireNonNull(arguments, "arguments");
        this.form = Objects.requireNonNull(form, "form");
        this.caller = caller;
        this.deadline = Objects.requireNonNull(deadline, "deadline");
        this.batchEnd = Objects.requireNonNull(batchEnd, "batchEnd");
    }

    /**
     * @throws Exception a {@link BackendFailure} that was not retried (or whose retries failed too), or Resilience4j's
     *     refusal of the call
     */
    ToolOutcome run() throws Exception {
        return guard.retry().executeCallable(this::attemptOnce);
    }

    private ToolOutcome attemptOnce() throws Exception {
        if (AbortSignal.currentAborted()) {
            throw new CallCancelled(); // before a retry, say
        }
        Duration own = min(backend.settings().requestTimeout(), deadline.remaining());
        Duration timeout = min(own, batchEnd.remaining());
        boolean cutByBatch = timeout.compareTo(own) < 0;
        if (timeout.isNegative() || timeout.isZero()) {
            if (cutByBatch) {
                throw new BatchTimeUp(Duration.ZERO);
            }
            throw new BackendFailure(BackendFailure.Kind.TIMEOUT, backend.name(), "no time left for backend '"
                    + backend.name() + "' within the total timeout");
        }
        try {
            return guard.bulkhead().executeCallable(() -> guard.breaker().executeCallable(
                    () -> send(timeout, cutByBatch)));
        } catch (CallNotPermittedException e) {
            if (lastFailure != null) {
                throw lastFailure; // a retry the breaker, opened by that failure, refused: the call was tried
            }
            throw e;
        } catch (BackendFailure failure) {
            lastFailure = failure;
            Optional<Duration> backoff = guard.retryPolicy().backoffAfter(failure, tool, attemptsMade, deadline);
            if (backoff.isPresent()) {
                throw new RetryableFailure(failure, backoff.get());
            }
            throw failure;
        }
    }

    private ToolOutcome send(Duration timeout, boolean cutByBatch) throws BackendFailure, BatchTimeUp,
            CallCancelled {
        attemptsMade++;
        if (attemptsMade == 1) {
            guard.retryPolicy().recordFirstAttempt();
        }
        lastTimeout = timeout;
        try {
            return attempts.attempt(backend, tool, arguments, form, caller, timeout);
        } catch (BackendFailure failure) {
            if (AbortSignal.currentAborted()) {
                throw new CallCancelled(); // its exchange was ended for it, which reads as a timeout
            }
            if (cutByBatch && failure.kind() == BackendFailure.Kind.TIMEOUT) {
                throw new BatchTimeUp(timeout); // the batch's time, not the backend, ran out
            }
            throw failure;
        }
    }

    /**
     * The answer to the failure the call ended with. A timeout is reported against the total timeout when that is what
     * cut the last attempt short, otherwise against the request timeout.
     */
    GatewayException answer(BackendFailure failure) {
        Duration requestTimeout = backend.settings().requestTimeout();
        Duration limit = lastTimeout.compareTo(requestTimeout) < 0 || lastTimeout.isZero()
                ? backend.settings().totalTimeout() : requestTimeout;
        return DirectToolInvoker.toGatewayException(failure, backend, tool, limit);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
