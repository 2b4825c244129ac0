package io.mcpgateway.restaurant.data;

import static io.mcpgateway.restaurant.RestaurantLimits.MAX_LABEL;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.mcpgateway.text.Echoed;
import tools.jackson.databind.JsonNode;

/**
 * The keys of one district file that the data format does not know, counted while it is read and reported once per
 * key. They load as nothing, as in the original, so a record is not skipped for them; but unreported, a data set
 * spelling {@code operating_hours} would answer every meal search with nothing and nobody would know why. A key that
 * looks like a known one misspelt is an error, as what it holds was meant and is lost; a key like none the format
 * knows ({@code website}) is a warning.
 */
final class UnknownKeys {

    /** Keys reported one by one per file, the most frequent first; beyond that they are counted. */
    static final int MAX_KEYS_PER_FILE = 10;

    private final Map<Key, Integer> counts = new LinkedHashMap<>();

    /** Counts the unknown keys of {@code node}, and of the objects in it whose keys the format fixes. */
    void check(JsonNode node, FormatObject format) {
        if (!node.isObject()) {
            return; // a record that is no object is skipped and reported as such
        }
        for (Map.Entry<String, JsonNode> member : node.properties()) {
            String key = member.getKey();
            if (!format.knows(key)) {
                counts.merge(new Key(format, key), 1, Integer::sum);
            } else if (format.member(key) != null) {
                check(member.getValue(), format.member(key));
            }
        }
    }

    void report(String file, List<LoadProblem> problems) {
        List<Map.Entry<Key, Integer>> byCount = counts.entrySet().stream()
                .sorted(Map.Entry.<Key, Integer>comparingByValue().reversed()).toList();
        byCount.stream().limit(MAX_KEYS_PER_FILE)
                .forEach(entry -> problems.add(entry.getKey().problem(file, entry.getValue())));
        if (byCount.size() > MAX_KEYS_PER_FILE) {
            // the keys not listed may be misspelt known ones too: what they hold may be lost
            boolean anyRespelt = byCount.stream().skip(MAX_KEYS_PER_FILE)
                    .anyMatch(entry -> entry.getKey().severity(entry.getKey().meant()) == LoadProblem.Severity.ERROR);
            problems.add(new LoadProblem(file, (byCount.size() - MAX_KEYS_PER_FILE)
                    + " more keys the data format does not know are ignored", anyRespelt
                    ? LoadProblem.Severity.ERROR : LoadProblem.Severity.WARNING));
        }
    }

    private record Key(FormatObject in, String key) {

        /** The known key this one most likely means, if any (an edit distance to each: asked once per key). */
        Optional<String> meant() {
            return in.suggestion(key);
        }

        /**
         * An error when the key looks like a known one misspelt ({@code meant}) in an object the reader reads: then
         * what it holds was meant and is lost (the file's metadata is not read, so nothing served is lost there).
         */
        LoadProblem.Severity severity(Optional<String> meant) {
            return in.isRead() && meant.isPresent() ? LoadProblem.Severity.ERROR : LoadProblem.Severity.WARNING;
        }

        LoadProblem problem(String file, int count) {
            Optional<String> meant = meant();
            String who = !in.isInRecords() ? "the file has" : count == 1 ? "1 record has" : count + " records have";
            String suggestion = meant.map(known -> " (did you mean '" + in.path(known) + "'?)").orElse("");
            return new LoadProblem(file, who + " the key '" + Echoed.oneLine(in.path(key), MAX_LABEL)
                    + "', which the data format does not know" + suggestion + "; it is ignored", severity(meant));
        }
    }
}
