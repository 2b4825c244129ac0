package io.mcpgateway.app.diagnostics.logs;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One message the gateway logs when an incident happens, and how the report words it.
 *
 * @param kind what happened, counted in the section's heading ({@code fell back to local counting})
 * @param pattern the whole message, its stable words literal and its variable parts in groups
 * @param subject what changed, from the groups
 * @param change how, from the groups
 */
record IncidentMessage(String kind, Pattern pattern, Function<MatchResult, String> subject,
        Function<MatchResult, String> change) {

    IncidentMessage {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(change, "change");
    }

    /** An incident whose subject is always the same ({@code Redis}). */
    static IncidentMessage of(String kind, String pattern, String subject, Function<MatchResult, String> change) {
        return new IncidentMessage(kind, Pattern.compile(pattern), m -> subject, change);
    }

    Optional<LogEvent> read(LogLine line) {
        Matcher m = pattern.matcher(line.message());
        return m.matches() ? Optional.of(new LogEvent(line.shownTime(), subject.apply(m), change.apply(m)))
                : Optional.empty();
    }
}
