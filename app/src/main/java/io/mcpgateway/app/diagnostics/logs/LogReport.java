package io.mcpgateway.app.diagnostics.logs;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import io.mcpgateway.app.diagnostics.LatencySummary;
import io.mcpgateway.text.Plural;

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
        out.printf(Locale.ROOT, "Log analysis of %s: %s, %s counted, %s%s%n", source,
                Plural.grouped(analysis.lines(), "line"), Plural.grouped(analysis.parsed(), "gateway log line"),
                Plural.grouped(analysis.unparsed(), "other line"), analysis.since() == null ? ""
                        : String.format(Locale.ROOT, ", %,d before %s skipped", analysis.beforeSince(),
                                analysis.since()));
        if (analysis.first() != null) {
            out.printf("Period: %s to %s (%s)%n", analysis.first(), analysis.last(),
                    span(Duration.between(analysis.first(), analysis.last())));
        }
        out.println();
        out.printf(Locale.ROOT, "Requests: %,d%s%n", requests.total(), requests.byStatus().isEmpty() ? ""
                : " (by status: " + requests.byStatus().entrySet().stream()
                        .map(e -> String.format(Locale.ROOT, "%s x %,d", statusName(e.getKey()), e.getValue()))
                        .collect(Collectors.joining(", ")) + ")");
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
        top(out, "by client_ip", requests.refusedClientIps());
        top(out, "by token holder", events.tokenHolders());
        section(out, "Validation errors", requests.validation());
        section(out, "Backend call failures", events.backendCalls());
        section(out, "Requests answered 502/503/504", requests.backendAnswers());
        section(out, "Rate-limit rejections", requests.rateLimitedBy());
        top(out, "by caller", requests.rateLimitedCallers());
        events(out, "Circuit breaker transitions", events.breakerTransitions());
        events(out, "Backend health changes", events.healthChanges());
        analysis.incidents().stream().filter(incident -> !incident.events().isEmpty())
                .forEach(incident -> incident(out, incident));
        reloads(out, analysis.reloads(), requests.reloadFailures());
        out.printf(Locale.ROOT, "Warnings: %,d, errors: %,d%n", events.levels().all().getOrDefault("WARN", 0L),
                events.levels().all().getOrDefault("ERROR", 0L));
        problems(out, analysis.problems());
        out.flush();
    }

    /** Reloads as logged, then what the failed POST /config/reload requests were answered (a watch has no answer). */
    private static void reloads(PrintWriter out, IncidentTimeline reloads, Counts failedAnswers) {
        if (reloads.events().isEmpty() && failedAnswers.isEmpty()) {
            return;
        }
        incident(out, reloads);
        if (!failedAnswers.isEmpty()) {
            out.println("  answered to POST " + RequestStats.RELOAD_ROUTE + ": " + joined(failedAnswers.all()));
        }
    }

    private static void problems(PrintWriter out, FrequentProblems problems) {
        List<FrequentProblems.Problem> top = problems.top();
        if (!top.isEmpty()) {
            out.printf(Locale.ROOT, "Most frequent warnings and errors (%,d distinct):%n", problems.distinct());
            top.forEach(p -> out.printf(Locale.ROOT, "  %s x %,d: %s%n", p.level(), p.count(), p.example()));
        }
    }

    /** The most frequent keys on one line under a section ({@code by caller: alice x 3, bob x 1}), if any. */
    private static void top(PrintWriter out, String label, Counts counts) {
        if (!counts.isEmpty()) {
            out.println("  " + label + ": " + joined(counts.top(RequestStats.CALLERS_SHOWN)));
        }
    }

    /** The status as a report names it: its number, or "unreadable" for a line whose status was none. */
    private static String statusName(int status) {
        return status == RequestStats.UNREADABLE_STATUS ? "unreadable" : Integer.toString(status);
    }

    private static String joined(Map<String, Long> counts) {
        return counts.entrySet().stream().map(e -> e.getKey() + " x " + e.getValue())
                .collect(Collectors.joining(", "));
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

    private static void events(PrintWriter out, String title, Timeline timeline) {
        out.printf(Locale.ROOT, "%s: %s%n", title, timeline.isEmpty() ? "none"
                : String.format(Locale.ROOT, "%,d", timeline.count()));
        eventLines(out, timeline);
    }

    /** A section of incidents: how many of each kind in its heading, then when each happened. */
    private static void incident(PrintWriter out, IncidentTimeline incident) {
        out.printf(Locale.ROOT, "%s: %,d%s%n", incident.title(), incident.events().count(),
                incident.kinds().isEmpty() ? "" : " (" + joined(incident.kinds().all()) + ")");
        eventLines(out, incident.events());
    }

    private static void eventLines(PrintWriter out, Timeline timeline) {
        timeline.kept().forEach(e -> out.printf("  %s  %s %s%n", e.at(), e.subject(), e.change()));
        if (timeline.count() > timeline.kept().size()) {
            out.printf(Locale.ROOT, "  ... and %,d more%n", timeline.count() - timeline.kept().size());
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
        requests.byStatus().forEach((status, count) -> byStatus.put(statusName(status), count));
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
        Map<String, Object> authFailures = counted(events.authFailures(), "by_reason");
        authFailures.put("by_client_ip", requests.refusedClientIps().top(RequestStats.CALLERS_SHOWN));
        authFailures.put("by_token_holder", events.tokenHolders().top(RequestStats.CALLERS_SHOWN));
        json.put("auth_failures", authFailures);
        json.put("validation_errors", counted(requests.validation(), "by_code"));
        json.put("backend_call_failures", counted(events.backendCalls(), "by_backend_and_kind"));
        json.put("backend_failure_answers", counted(requests.backendAnswers(), "by_status_and_code"));
        Map<String, Object> rateLimited = counted(requests.rateLimitedBy(), "by_limit");
        rateLimited.put("by_caller", requests.rateLimitedCallers().all());
        json.put("rate_limited", rateLimited);
        json.put("circuit_breaker_transitions", eventsJson(events.breakerTransitions()));
        json.put("backend_health_changes", eventsJson(events.healthChanges()));
        analysis.incidents().forEach(incident -> json.put(incident.jsonName(), incidentJson(incident)));
        Map<String, Object> reloads = incidentJson(analysis.reloads());
        reloads.put("failed_answers", requests.reloadFailures().all());
        json.put(analysis.reloads().jsonName(), reloads);
        json.put("warnings", events.levels().all().getOrDefault("WARN", 0L));
        json.put("errors", events.levels().all().getOrDefault("ERROR", 0L));
        Map<String, Object> problems = new LinkedHashMap<>();
        problems.put("distinct", analysis.problems().distinct());
        problems.put("top", analysis.problems().top().stream().map(FrequentProblems.Problem::toJson).toList());
        json.put("frequent_warnings_and_errors", problems);
        return json;
    }

    private static Map<String, Object> counted(Counts counts, String breakdown) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("total", counts.total());
        json.put(breakdown, counts.all());
        return json;
    }

    private static Map<String, Object> eventsJson(Timeline timeline) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("total", timeline.count());
        json.put("events", timeline.kept().stream().map(LogEvent::toJson).toList());
        return json;
    }

    private static Map<String, Object> incidentJson(IncidentTimeline incident) {
        Map<String, Object> json = eventsJson(incident.events());
        json.put("by_kind", incident.kinds().all());
        return json;
    }
}
