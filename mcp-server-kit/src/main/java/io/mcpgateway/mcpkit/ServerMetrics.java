package io.mcpgateway.mcpkit;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;

/**
 * An MCP server's meters, at {@code GET /metrics} in Prometheus's text format: the answers to {@code /mcp} by status,
 * the tools' runs (calls the result cache did not answer) by outcome and time, and the JVM's and the process's own
 * ({@link ProcessMeters}: the search server's heap grows with its data set). The servers take no token and are
 * reached from inside the deployment only, as their {@code /health} is.
 */
final class ServerMetrics implements AutoCloseable {

    static final String REQUESTS = "mcp.server.requests";
    static final String TOOL_RUNS = "mcp.server.tool.runs";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final ProcessMeters process = new ProcessMeters(registry);
    /** By status: one lookup per answer instead of the registry's id building (the hot path of cached calls). */
    private final ConcurrentHashMap<Integer, Counter> answers = new ConcurrentHashMap<>();

    /** A tool ran: {@code outcome} is success, refused (its arguments or input) or failed (an unexpected failure). */
    void toolRun(String tool, String outcome, Duration took) {
        Timer.builder(TOOL_RUNS).description("Tool runs (calls the result cache did not answer), by outcome")
                .tags("tool", tool, "outcome", outcome).register(registry).record(took);
    }

    /** Prometheus's text format of every meter. */
    String scrape() {
        return registry.scrape();
    }

    /** Counts each answer of the paths it filters by status. */
    Filter answerCounter() {
        return new Filter() {
            @Override
            public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                    throws IOException, ServletException {
                try {
                    chain.doFilter(request, response);
                } finally {
                    int status = ((HttpServletResponse) response).getStatus();
                    answers.computeIfAbsent(status, s -> Counter.builder(REQUESTS)
                            .description("Answers to POST /mcp, by HTTP status").tag("status", Integer.toString(s))
                            .register(registry)).increment();
                }
            }
        };
    }

    @Override
    public void close() {
        process.close();
    }
}
