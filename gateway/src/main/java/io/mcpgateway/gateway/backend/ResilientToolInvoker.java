package io.mcpgateway.gateway.backend;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.mcpgateway.gateway.error.GatewayException;
import io.mcpgateway.gateway.metrics.GatewayMetrics;

/**
 * Calls tools through each backend's circuit breaker, bulkhead and retry policy ({@link BackendResilience}), within
 * the backend's total timeout, and translates every way that can fail into its answer: 504 for a timeout, 503
 * {@code BACKEND_UNAVAILABLE} for a failed backend, 503 {@code BACKEND_INVALID_RESPONSE} for one that answered what
 * cannot be used (or too much), 503 {@code CIRCUIT_OPEN} while its breaker is open and 503
 * {@code BACKEND_BUSY} while its bulkhead is full, each with {@code Retry-After}.
 */
public final class ResilientToolInvoker implements ToolInvoker {

    private static final Logger log = LoggerFactory.getLogger(ResilientToolInvoker.class);

    private final DirectToolInvoker attempts;
    private final BackendResilience resilience;
    private final GatewayMetrics metrics;
    private final Clock clock;

    /** @param attempts makes each single attempt */
    public ResilientToolInvoker(DirectToolInvoker attempts, BackendResilience resilience, GatewayMetrics metrics,
            Clock clock) {
        this.attempts = Objects.requireNonNull(attempts, "attempts");
        this.resilience = Objects.requireNonNull(resilience, "resilience");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public ToolOutcome invoke(String backendName, String tool, Map<String, Object> arguments, ResultForm form,
            OnBehalfOf caller, Instant notAfter) {
        McpBackendClient backend = attempts.backend(backendName);
        BackendGuard guard = resilience.guard(backendName);
        ResilientCall call = new ResilientCall(attempts, backend, guard, tool, arguments, form, caller,
                Deadline.after(backend.settings().totalTimeout(), clock), new Deadline(notAfter, clock));
        try {
            return call.run();
        } catch (BatchTimeUp e) {
            throw GatewayException.Timeout.batchTimeUp(backendName, e.waited());
        } catch (CallCancelled e) {
            throw GatewayException.Timeout.cancelled(backendName);
        } catch (BackendFailure e) {
            throw call.answer(e);
        } catch (RetryableFailure e) {
            throw call.answer(e.failure()); // the retry loop ran out of attempts first; same answer
        } catch (CallNotPermittedException e) {
            metrics.backendRejection(backendName, "circuit_open");
            log.debug("Call {} on '{}' refused: its circuit breaker is {}", tool, backendName,
                    guard.breaker().getState());
            throw BackendRefusals.circuitOpen(backendName, tool, guard.transitions().retryAfter());
        } catch (BulkheadFullException e) {
            metrics.backendRejection(backendName, "bulkhead_full");
            log.debug("Call {} on '{}' refused: its bulkhead is full", tool, backendName);
            throw BackendRefusals.busy(backendName, tool, guard.bulkhead().getBulkheadConfig().getMaxConcurrentCalls());
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("Unexpected failure calling " + tool + " on '" + backendName + "'", e);
        }
    }
}
