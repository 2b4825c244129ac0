package io.mcpgateway.app.diagnostics.logs;

import java.util.ArrayList;
import java.util.List;

/** Events of one kind in the order logged: the first {@link #EVENTS_KEPT} in full, the rest only counted. */
final class Timeline {

    static final int EVENTS_KEPT = 50;

    private final List<LogEvent> kept = new ArrayList<>();
    private long count;

    void add(LogEvent event) {
        count++;
        if (kept.size() < EVENTS_KEPT) {
            kept.add(event);
        }
    }

    List<LogEvent> kept() {
        return List.copyOf(kept);
    }

    long count() {
        return count;
    }

    boolean isEmpty() {
        return count == 0;
    }
}
