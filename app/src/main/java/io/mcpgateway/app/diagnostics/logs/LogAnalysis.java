package io.mcpgateway.app.diagnostics.logs;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads log lines one at a time and counts what they say. Lines that are not gateway log lines, JSON or text
 * (start-up banners, stack traces), are counted as unparsed and otherwise ignored; lines logged before {@code since}
 * are counted as skipped (a text line, which has no date, never is).
 */
final class LogAnalysis {

    private final LogLineParser parser;
    private final Instant since;
    private final RequestStats requests = new RequestStats();
    private final EventStats events = new EventStats();
    private final FrequentProblems problems = new FrequentProblems();
    /** In the order the report shows them; their messages differ, so each line is offered to all. */
    private final List<IncidentTimeline> incidents = List.of(GatewayIncidents.toolDefinitions(),
            GatewayIncidents.issuerKeys(), GatewayIncidents.rateLimitStore());
    private final IncidentTimeline reloads = GatewayIncidents.reloads();
    private long lines;
    private long parsed;
    private long unparsed;
    private long beforeSince;
    private Instant first;
    private Instant last;

    /** @param since lines logged before it are skipped; null to read all */
    LogAnalysis(LogLineParser parser, Instant since) {
        this.parser = Objects.requireNonNull(parser, "parser");
        this.since = since;
    }

    void accept(String raw) {
        lines++;
        if (raw.isBlank()) {
            unparsed++;
            return;
        }
        Optional<LogLine> parsedLine = parser.parse(raw);
        if (parsedLine.isEmpty()) {
            unparsed++;
            return;
        }
        LogLine line = parsedLine.get();
        if (since != null && line.timestamp() != null && line.timestamp().isBefore(since)) {
            beforeSince++;
            return;
        }
        parsed++;
        if (line.timestamp() != null) {
            first = first == null || line.timestamp().isBefore(first) ? line.timestamp() : first;
            last = last == null || line.timestamp().isAfter(last) ? line.timestamp() : last;
        }
        if (line.isAccess()) {
            requests.accept(line);
        } else {
            events.accept(line);
            problems.accept(line);
            incidents.forEach(incident -> incident.accept(line));
            reloads.accept(line);
        }
    }

    long lines() {
        return lines;
    }

    /** JSON log lines counted (after {@code since}). */
    long parsed() {
        return parsed;
    }

    long unparsed() {
        return unparsed;
    }

    long beforeSince() {
        return beforeSince;
    }

    Instant since() {
        return since;
    }

    /** The earliest time logged among the counted lines; null when none had one. */
    Instant first() {
        return first;
    }

    Instant last() {
        return last;
    }

    RequestStats requests() {
        return requests;
    }

    EventStats events() {
        return events;
    }

    FrequentProblems problems() {
        return problems;
    }

    /** Incidents the gateway logs when they begin and end, but reloads. */
    List<IncidentTimeline> incidents() {
        return incidents;
    }

    /** Configuration reloads, applied or failed (the answers to failed POST /config/reload are in the requests). */
    IncidentTimeline reloads() {
        return reloads;
    }
}
