package io.mcpgateway.search;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.mcpgateway.mcpkit.HealthReport;
import io.mcpgateway.restaurant.data.DataSet;
import io.mcpgateway.restaurant.data.LoadProblem;

/** The search server's health: the data set it serves, and degraded when some of it could not be loaded. */
final class DataSetHealth {

    /** Problems listed one by one in {@code /health}; the count covers them all. */
    static final int MAX_LISTED_PROBLEMS = 50;

    private DataSetHealth() {
    }

    /** @param reloading how the data set is kept fresh (shown as {@code data_set.reloading} when not empty) */
    static HealthReport of(DataSet dataSet, Map<String, Object> reloading) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("source", dataSet.source());
        data.put("loaded_at", dataSet.loadedAt().toString());
        data.put("districts", dataSet.catalog().size());
        data.put("district_files", dataSet.districtFileCount());
        data.put("restaurants", dataSet.restaurantCount());
        long warnings = dataSet.problems().stream().filter(LoadProblem::isWarning).count();
        data.put("problem_count", dataSet.problems().size());
        data.put("error_count", dataSet.problems().size() - warnings);
        data.put("warning_count", warnings);
        // errors first: the listing is cut short, and the errors are what make the data set degraded
        data.put("problems", dataSet.problems().stream()
                .sorted(Comparator.comparing(LoadProblem::severity)).limit(MAX_LISTED_PROBLEMS)
                .map(DataSetHealth::problem).toList());
        if (!reloading.isEmpty()) {
            data.put("reloading", reloading);
        }
        // A reload that failed leaves the last good data in service: still answering, but not what the store holds.
        HealthReport.Status status = warnings == dataSet.problems().size() && reloading.get("last_error") == null
                ? HealthReport.Status.HEALTHY : HealthReport.Status.DEGRADED;
        return new HealthReport(status, Map.of("data_set", data));
    }

    /** One problem; a warning lost nothing of the file (something the format does not know was ignored). */
    private static Map<String, String> problem(LoadProblem p) {
        Map<String, String> entry = new LinkedHashMap<>();
        entry.put("file", p.file());
        entry.put("reason", p.reason());
        entry.put("severity", p.severity().name().toLowerCase(Locale.ROOT));
        return entry;
    }
}
