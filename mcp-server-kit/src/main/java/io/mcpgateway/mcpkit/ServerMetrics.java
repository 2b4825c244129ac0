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
 * An MCP server's meters, at {@code GET /metrics/prometheus} in Prometheus's text format: the answers to
 * {@code /mcp} by status, the tools' runs (calls the result cache did not answer) by outcome and time, and the JVM's
 * and the process's own ({@link ProcessMeters}: the search server's heap grows with its data set). The servers take
 * no token and are reached from inside the deployment only, as their {@code /health} is.
 */
public final class ServerMetrics implements AutoCloseable {

    /** Prometheus's text exposition format, as {@link #scrape} and the gateway's page write it. */
    public static final String PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    static final String REQUESTS = "mcp.server.requests";
    static final String TOOL_RUNS = "mcp.server.tool.runs";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final ProcessMeters process = new ProcessMeters(registry);
    /**
     * The meters by status, and by tool and outcome: one map lookup per answer or run instead of the registry's id
     * building and lookup (cached calls are the servers' hot path).
     */
    private final ConcurrentHashMap<Integer, Counter> answers = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Timer> runs = new ConcurrentHashMap<>();

    /** A tool ran: {@code outcome} is success, refused (its arguments or input) or failed (an unexpected failure). */
    void toolRun(String tool, String outcome, Duration took) {
        runs.computeIfAbsent(tool + '\n' + outcome, key -> Timer.builder(TOOL_RUNS)
                .description("Tool runs (calls the result cache did not answer), by outcome")
                .tags("tool", tool, "outcome", outcome).register(registry)).record(took);
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
                } catch (IOException e) {
                    throw e; // the client went away (or its body broke off): no answer to count
                } catch (ServletException | RuntimeException e) {
                    count(500); // answered by the server's error page
                    throw e;
                }
                count(((HttpServletResponse) response).getStatus());
            }
        };
    }

    private void count(int status) {
        answers.computeIfAbsent(status, s -> Counter.builder(REQUESTS).description("Answers to /mcp, by HTTP status")
                .tag("status", Integer.toString(s)).register(registry)).increment();
    }

    @Override
    public void close() {
        process.close();
    }
}
