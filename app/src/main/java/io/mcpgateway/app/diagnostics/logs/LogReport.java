package io.mcpgateway.app.diagnostics.logs;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import io.mcpgateway.app.diagnostics.LatencySummary;

/** Renders a {@link LogAnalysis}: sections of plain lines for people, or one JSON object for scripts. */
final class LogReport {

    private final String source;
    private final LogAnalysis analysis;

    LogReport(String source, LogAnalysis analysis) {
        this.source = source;
        this.analysis = analysis;
    }

    void printText(PrintWriter out) {
        RequestStats requests = analysis.requests();
        EventStats events = analysis.events();
        out.printf(Locale.ROOT, "Log analysis of %s: %,d lines, %,d gateway log lines counted, %,d other lines%s%n",
                source, analysis.lines(), analysis.parsed(), analysis.unparsed(), analysis.since() == null ? ""
                        : String.format(Locale.ROOT, ", %,d before %s skipped", analysis.beforeSince(),
                                analysis.since()));
        if (analysis.first() != null) {
            out.printf("Period: %s to %s (%s)%n", analysis.first(), analysis.last(),
                    span(Duration.between(analysis.first(), analysis.last())));
        }
        out.println();
        out.printf(Locale.ROOT, "Requests: %,d%s%n", requests.total(), requests.byStatus().isEmpty() ? ""
                : " (by status: " + requests.byStatus().entrySet().stream()
                        .map(e -> e.getKey() + " x " + e.getValue()).collect(Collectors.joining(", ")) + ")");
        LatencySummary latency = requests.latency();
        if (latency.count() > 0) {
            out.println("Latency: " + latency.line() + " ms");
            out.println("Slowest requests:");
            requests.slowest().forEach(r -> out.printf(Locale.ROOT, "  %s ms  %s  request_id %s%s%n",
                    LatencySummary.format(r.millis()), r.request(), r.requestId(),
                    r.caller() == null ? "" : "  caller " + r.caller()));
        }
        section(out, "Busiest callers", requests.busiestCallers(), "requests");
        section(out, "Authentication failures", events.authFailures());
        section(out, "Validation errors", requests.validation());
        section(out, "Backend call failures", events.backendCalls());
        section(out, "Requests answered 502/503/504", requests.backendAnswers());
        section(out, "Rate-limit rejections", requests.rateLimitedBy());
        if (!requests.rateLimitedCallers().isEmpty()) {
            out.println("  by caller: " + requests.rateLimitedCallers().top(RequestStats.CALLERS_SHOWN).entrySet()
                    .stream().map(e -> e.getKey() + " x " + e.getValue()).collect(Collectors.joining(", ")));
        }
        events(out, "Circuit breaker transitions", events.breakerTransitions(), events.breakerTransitionCount());
        events(out, "Backend health changes", events.healthChanges(), events.healthChangeCount());
        out.printf(Locale.ROOT, "Warnings: %,d, errors: %,d%n", events.levels().all().getOrDefault("WARN", 0L),
                events.levels().all().getOrDefault("ERROR", 0L));
        out.flush();
    }

    private static void section(PrintWriter out, String title, Counts counts) {
        out.printf(Locale.ROOT, "%s: %s%n", title, counts.isEmpty() ? "none" : String.format(Locale.ROOT, "%,d",
                counts.total()));
        counts.all().forEach((key, count) -> out.printf(Locale.ROOT, "  %s: %,d%n", key, count));
    }

    private static void section(PrintWriter out, String title, Map<String, Long> top, String unit) {
        out.printf("%s:%s%n", title, top.isEmpty() ? " none" : "");
        top.forEach((key, count) -> out.printf(Locale.ROOT, "  %s: %,d %s%n", key, count, unit));
    }

    private static void events(PrintWriter out, String title, List<LogEvent> kept, long count) {
        out.printf(Locale.ROOT, "%s: %s%n", title, count == 0 ? "none" : String.format(Locale.ROOT, "%,d", count));
        kept.forEach(e -> out.printf("  %s  %s %s%n", e.at(), e.subject(), e.change()));
        if (count > kept.size()) {
            out.printf(Locale.ROOT, "  ... and %,d more%n", count - kept.size());
        }
    }

    private static String span(Duration d) {
        if (d.toMinutes() < 2) {
            return d.toSeconds() + " s";
        }
        return d.toHours() < 2 ? d.toMinutes() + " min" : d.toHours() + " h";
    }

    Map<String, Object> toJson() {
        RequestStats requests = analysis.requests();
        EventStats events = analysis.events();
        Map<String, Object> lines = new LinkedHashMap<>();
        lines.put("total", analysis.lines());
        lines.put("counted", analysis.parsed());
        lines.put("unparsed", analysis.unparsed());
        lines.put("before_since", analysis.beforeSince());
        Map<String, Object> requestJson = new LinkedHashMap<>();
        requestJson.put("total", requests.total());
        Map<String, Long> byStatus = new LinkedHashMap<>();
        requests.byStatus().forEach((status, count) -> byStatus.put(Integer.toString(status), count));
        requestJson.put("by_status", byStatus);
        requestJson.put("latency", requests.latency().toJson());
        requestJson.put("slowest", requests.slowest().stream().map(SlowRequest::toJson).toList());
        requestJson.put("busiest_callers", requests.busiestCallers());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("source", source);
        json.put("since", analysis.since() == null ? null : analysis.since().toString());
        json.put("from", analysis.first() == null ? null : analysis.first().toString());
        json.put("to", analysis.last() == null ? null : analysis.last().toString());
        json.put("lines", lines);
        json.put("requests", requestJson);
        json.put("auth_failures", counted(events.authFailures(), "by_reason"));
        json.put("validation_errors", counted(requests.validation(), "by_code"));
        json.put("backend_call_failures", counted(events.backendCalls(), "by_backend_and_kind"));
        json.put("backend_failure_answers", counted(requests.backendAnswers(), "by_status_and_code"));
        Map<String, Object> rateLimited = counted(requests.rateLimitedBy(), "by_limit");
        rateLimited.put("by_caller", requests.rateLimitedCallers().all());
        json.put("rate_limited", rateLimited);
        json.put("circuit_breaker_transitions", eventsJson(events.breakerTransitions(),
                events.breakerTransitionCount()));
        json.put("backend_health_changes", eventsJson(events.healthChanges(), events.healthChangeCount()));
        json.put("warnings", events.levels().all().getOrDefault("WARN", 0L));
        json.put("errors", events.levels().all().getOrDefault("ERROR", 0L));
        return json;
    }

    private static Map<String, Object> counted(Counts counts, String breakdown) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("total", counts.total());
        json.put(breakdown, counts.all());
        return json;
    }

    private static Map<String, Object> eventsJson(List<LogEvent> kept, long count) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("total", count);
        json.put("events", kept.stream().map(LogEvent::toJson).toList());
        return json;
    }
}
