package io.mcpgateway.app.diagnostics.logs;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The WARN and ERROR messages logged most often, grouped by their {@link LogMessageShape}, each with its first
 * occurrence as an example: a count of warnings alone does not say whether they are one problem or many.
 */
final class FrequentProblems {

    static final int SHOWN = 10;

    private final Counts shapes = new Counts();
    private final Map<String, LogLine> firstOfShape = new HashMap<>();

    /**
     * A kind of message at one level.
     *
     * @param example the first message of that shape logged
     */
    record Problem(String level, String shape, String example, long count) {

        Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("level", level);
            json.put("count", count);
            json.put("shape", shape);
            json.put("example", example);
            return json;
        }
    }

    void accept(LogLine line) {
        if (!line.level().equals("WARN") && !line.level().equals("ERROR")) {
            return;
        }
        String key = line.level() + " " + LogMessageShape.of(line.message());
        shapes.add(key);
        firstOfShape.putIfAbsent(key, line);
    }

    /** The {@link #SHOWN} most frequent, most frequent first. */
    List<Problem> top() {
        return shapes.top(SHOWN).entrySet().stream().map(e -> {
            LogLine first = firstOfShape.get(e.getKey());
            return new Problem(first.level(), LogMessageShape.of(first.message()), first.message(), e.getValue());
        }).toList();
    }

    /** How many different messages (by shape) there were. */
    int distinct() {
        return firstOfShape.size();
    }
}
