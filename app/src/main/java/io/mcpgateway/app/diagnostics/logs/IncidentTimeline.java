package io.mcpgateway.app.diagnostics.logs;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The incidents of one kind a log shows (the rate-limit store out of reach and back, say), read from the messages
 * the gateway logs for them: when each happened, and how many of each kind.
 */
final class IncidentTimeline {

    private final String title;
    private final String jsonName;
    private final List<IncidentMessage> messages;
    private final Timeline events = new Timeline();
    private final Counts kinds = new Counts();

    /** @param messages tried in order: the first that matches a line tells its incident */
    IncidentTimeline(String title, String jsonName, List<IncidentMessage> messages) {
        this.title = Objects.requireNonNull(title, "title");
        this.jsonName = Objects.requireNonNull(jsonName, "jsonName");
        this.messages = List.copyOf(messages);
    }

    /** Counts the incident the line tells, if it tells one of this kind. */
    void accept(LogLine line) {
        for (IncidentMessage message : messages) {
            Optional<LogEvent> event = message.read(line);
            if (event.isPresent()) {
                events.add(event.get());
                kinds.add(message.kind());
                return;
            }
        }
    }

    /** The section's heading in the text report ({@code Reloads}). */
    String title() {
        return title;
    }

    /** The section's name in the JSON report ({@code reloads}). */
    String jsonName() {
        return jsonName;
    }

    Timeline events() {
        return events;
    }

    /** Incidents by kind ({@code applied}, {@code failed}). */
    Counts kinds() {
        return kinds;
    }
}
